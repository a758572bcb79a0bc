namespace FlashSale.LoadTests.Reports.Summary;

/// <summary>One side of the run (candidate or baseline) and its steps.</summary>
public sealed record SummaryPhase(string Name, string KeyStep, double ActiveSeconds, long Started, long Dropped, long Crashed, IReadOnlyList<SummaryStep> Steps);
