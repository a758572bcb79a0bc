namespace FlashSale.LoadTests.Reports.Summary;

/// <summary>A figure of the scenario's own (goodput, order violations, stream delay): its value (null when none could be had), unit and how it was found.</summary>
public sealed record SummaryMetric(string Name, double? Value, string Unit, string Detail);
