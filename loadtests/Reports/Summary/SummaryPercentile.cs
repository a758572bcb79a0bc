namespace FlashSale.LoadTests.Reports.Summary;

/// <summary>A point of the latency distribution.</summary>
public sealed record SummaryPercentile(double Percentile, double Ms);
