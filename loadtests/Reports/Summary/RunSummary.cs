namespace FlashSale.LoadTests.Reports.Summary;

/// <summary>The machine-readable result of a run (summary.json, checked by summary.schema.json): what ran, every step, thresholds, invariants.</summary>
public sealed record RunSummary(
    int SchemaVersion,
    string Tool,
    SummaryScenario Scenario,
    string Target,
    string? Baseline,
    string Machine,
    DateTimeOffset StartedAt,
    double ElapsedSeconds,
    string? StoppedEarly,
    SummaryLoad Load,
    SummaryResult Result,
    IReadOnlyList<SummaryPhase> Phases,
    IReadOnlyList<SummaryThreshold> Thresholds,
    IReadOnlyList<SummaryInvariant> Invariants,
    IReadOnlyList<SummaryFigure> Figures,
    IReadOnlyList<SummaryMetric>? Metrics = null)
{
    public const int CurrentSchemaVersion = 1;
}
