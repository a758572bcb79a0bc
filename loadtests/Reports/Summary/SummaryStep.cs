namespace FlashSale.LoadTests.Reports.Summary;

/// <summary>One step of a phase: counts, rates, latency percentiles, answers by type and the latency distribution.</summary>
public sealed record SummaryStep(string Name, long Count, long Ok, long Refused, long Failed, double RatePerSecond, double OkRatePerSecond, double ErrorRate,
    SummaryLatency LatencyMs, IReadOnlyList<SummaryAnswer> Answers, IReadOnlyList<SummaryPercentile> Distribution);
