namespace FlashSale.LoadTests.Reports.Summary;

/// <summary>A threshold and its verdict; Actual is null when it could not be measured (no such step).</summary>
public sealed record SummaryThreshold(string Rule, string Step, string Metric, string Comparison, double Limit, double? Actual, bool Met, string Detail);
