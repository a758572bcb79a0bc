namespace FlashSale.LoadTests.Reports.Summary;

/// <summary>The result line and what it says, with the exit code the run ended with.</summary>
public sealed record SummaryResult(string Line, int ExitCode, long Ok, long Failed, double Rps, double P50Ms, double P99Ms, double? VsBaseline, string Invariants, string Thresholds);
