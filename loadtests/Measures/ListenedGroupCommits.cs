using System.Diagnostics.Metrics;
using HdrHistogram;

namespace FlashSale.LoadTests.Measures;

/// <summary>
/// In process: every batch size the silo's stock shards record on the platform's meter (<c>flashsale.group_commit.batch_size</c>),
/// kept in a histogram while the candidate runs: exact mean, p50 and p99. When the platform records none (the
/// instrument renamed or gone), the counts the shards keep (batches, batched requests) give the mean.
/// </summary>
public sealed class ListenedGroupCommits : IGroupCommitMeter
{
    public const string Instrument = "flashsale.group_commit.batch_size";

    private readonly MeterListener listener = new();
    private readonly LongConcurrentHistogram sizes = new(1, 10_000_000, 3);
    private readonly Func<Task<(long Batches, long Requests)>> shardCounts;
    private (long Batches, long Requests) counted;
    private (long Batches, long Requests)? before;
    private volatile bool listening;

    /// <param name="shardCounts">Batches and batched requests of the run's items, summed over their shards.</param>
    public ListenedGroupCommits(Func<Task<(long Batches, long Requests)>> shardCounts)
    {
        this.shardCounts = shardCounts;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FlashSaleMetrics.MeterName && instrument.Name == Instrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
        {
            if (listening && size > 0)
            {
                sizes.RecordValue(size);
            }
        });
        listener.Start();
    }

    public async Task BeginAsync()
    {
        before = await shardCounts();
        listening = true;
    }

    public async Task EndAsync()
    {
        listening = false;
        if (before is { } start)
        {
            var end = await shardCounts();
            counted = (counted.Batches + end.Batches - start.Batches, counted.Requests + end.Requests - start.Requests);
        }
        before = null;
    }

    public Task<GroupCommitSizes?> ResultAsync()
    {
        if (sizes.TotalCount > 0)
        {
            return Task.FromResult<GroupCommitSizes?>(new(sizes.TotalCount, sizes.GetMean(), sizes.GetValueAtPercentile(50), sizes.GetValueAtPercentile(99),
                false, "every write, from the silo's meter"));
        }
        return Task.FromResult(counted.Batches > 0
            ? new GroupCommitSizes(counted.Batches, (double)counted.Requests / counted.Batches, null, null, false, "the stock shards' batch counts")
            : null);
    }

    public void Dispose() => listener.Dispose();
}
