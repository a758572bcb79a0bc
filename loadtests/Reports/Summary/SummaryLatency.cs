namespace FlashSale.LoadTests.Reports.Summary;

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record SummaryLatency(double P50, double P90, double P95, double P99, double P999, double Max);
