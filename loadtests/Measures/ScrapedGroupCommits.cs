namespace FlashSale.LoadTests.Measures;

/// <summary>
/// Over HTTP: the platform's Prometheus histogram of batch sizes (<c>flashsale_group_commit_batch_size</c> at /metrics),
/// read before and after each candidate slice; the differences give the mean and, from the buckets, bounds on p50 and
/// p99. Without /metrics, the stats API's average batch of the run's items (over their whole life) gives the mean.
/// </summary>
public sealed class ScrapedGroupCommits(Func<Task<string?>> scrape, Func<Task<double?>> statsMean) : IGroupCommitMeter
{
    private const string Metric = "flashsale_group_commit_batch_size";
    private readonly SortedDictionary<double, long> buckets = [];
    private PrometheusHistogram.Reading? before;
    private long count;
    private double sum;

    public async Task BeginAsync() => before = PrometheusHistogram.Parse(await Scrape(), Metric);

    public async Task EndAsync()
    {
        if (before is { } start && PrometheusHistogram.Parse(await Scrape(), Metric) is { } end)
        {
            count += end.Count - start.Count;
            sum += end.Sum - start.Sum;
            foreach (var (bound, cumulative) in end.Buckets)
            {
                buckets[bound] = buckets.GetValueOrDefault(bound) + cumulative - start.Buckets.GetValueOrDefault(bound);
            }
        }
        before = null;
    }

    public async Task<GroupCommitSizes?> ResultAsync()
    {
        if (count > 0)
        {
            return new GroupCommitSizes(count, sum / count, Bound(0.5), Bound(0.99), true, "the platform's /metrics histogram");
        }
        return await statsMean() is { } mean and > 0
            ? new GroupCommitSizes(0, mean, null, null, false, "stats API: average batch of the run's items over their life")
            : null;
    }

    public void Dispose()
    {
    }

    /// <summary>The smallest bucket bound with at least the share <paramref name="quantile"/> of the batches at or under it.</summary>
    private double? Bound(double quantile)
    {
        var wanted = quantile * count;
        foreach (var (bound, cumulative) in buckets)
        {
            if (cumulative >= wanted)
            {
                return double.IsPositiveInfinity(bound) ? null : bound;
            }
        }
        return null;
    }

    private async Task<string?> Scrape()
    {
        try
        {
            return await scrape();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
