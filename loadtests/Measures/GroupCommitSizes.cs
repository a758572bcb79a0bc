namespace FlashSale.LoadTests.Measures;

/// <summary>
/// Requests covered by one group-commit write during the candidate's slices. <see cref="Bucketed"/>: p50 and p99 are
/// the upper bounds of histogram buckets (scraped from /metrics), not exact values.
/// </summary>
public sealed record GroupCommitSizes(long Batches, double Mean, double? P50, double? P99, bool Bucketed, string Source)
{
    public string Describe()
    {
        string P(double? value) => value is { } v ? (Bucketed ? "<= " : "") + v.ToString("0.#", CultureInfo.InvariantCulture) : "n/a";
        var counted = Batches > 0 ? $"{Batches:N0} writes, " : "";
        return string.Create(CultureInfo.InvariantCulture, $"{counted}mean {Mean:0.##} requests per write, p50 {P(P50)}, p99 {P(P99)} ({Source})");
    }
}
