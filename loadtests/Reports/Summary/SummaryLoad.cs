namespace FlashSale.LoadTests.Reports.Summary;

/// <summary>The load asked for: open (arrivals/s) or closed (shoppers), its stages, how long each side was to run.</summary>
public sealed record SummaryLoad(string Model, IReadOnlyList<SummaryStage> Stages, double PlannedSeconds);
