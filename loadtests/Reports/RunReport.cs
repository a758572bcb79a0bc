using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Invariants;

namespace FlashSale.LoadTests.Reports;

/// <summary>Everything a run found out, as the reports and the result line show it.</summary>
public sealed record RunReport(
    RunOptions Options,
    string Target,
    string? BaselineDescription,
    LoadProfile Profile,
    Phase Candidate,
    Phase? Baseline,
    IReadOnlyList<InvariantResult> Invariants,
    IReadOnlyList<(string Name, bool Met, string Detail)> Thresholds,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed)
{
    public bool InvariantsHold => Invariants.All(i => i.Holds);
    public bool ThresholdsMet => Thresholds.All(t => t.Met);

    /// <summary>The candidate's key step (holds, reads) against the baseline's, in successful answers per second.</summary>
    public double? VsBaseline => Baseline is { } b && b.Key.OkRatePerSecond > 0 ? Candidate.Key.OkRatePerSecond / b.Key.OkRatePerSecond : null;

    public double Rps => Candidate.ActiveSeconds > 0 ? Candidate.Steps.Values.Sum(s => s.Count) / Candidate.ActiveSeconds : 0;

    public string Machine => $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    public string ResultLine()
    {
        var all = Candidate.AllLatencies();
        var p50 = all.TotalCount == 0 ? 0 : all.GetValueAtPercentile(50) / 1000.0;
        var p99 = all.TotalCount == 0 ? 0 : all.GetValueAtPercentile(99) / 1000.0;
        var ratio = VsBaseline is { } r ? $" vs-baseline={r.ToString("0.0#", CultureInfo.InvariantCulture)}x" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"result: {Options.Scenario.Name} ok={Candidate.Ok} failed={Candidate.Failed} rps={Rps:0.#} p50={p50:0.##} p99={p99:0.##}{ratio} invariants={(InvariantsHold ? "ok" : "broken")}");
    }
}
