using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Invariants;
using FlashSale.LoadTests.Measures;
using FlashSale.LoadTests.Reports.Summary;
using HdrHistogram;

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
    IReadOnlyList<ThresholdResult> Thresholds,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed,
    StorageFigures Storage,
    string? StoppedEarly = null,
    bool StoppedByThreshold = false)
{
    /// <summary>The scenario's own figures (goodput, order kept, stream delay), judged by thresholds like steps.</summary>
    public IReadOnlyList<ScenarioMetric> Metrics { get; init; } = [];

    public bool InvariantsHold => Invariants.All(i => i.Holds);
    public bool ThresholdsMet => Thresholds.All(t => t.Met) && !StoppedByThreshold;

    /// <summary>0 ok, 2 a threshold missed, 3 an invariant broken (before all else), 4 stopped early by a signal.</summary>
    public int ExitCode => !InvariantsHold ? Rehearsal.InvariantBroken : !ThresholdsMet ? Rehearsal.ThresholdMissed
        : StoppedEarly is not null ? Rehearsal.StoppedEarly : Rehearsal.Ok;

    /// <summary>The candidate's key step (holds, reads) against the baseline's, in successful answers per second.</summary>
    public double? VsBaseline => Baseline is { } b && b.Key.OkRatePerSecond > 0 ? Candidate.Key.OkRatePerSecond / b.Key.OkRatePerSecond : null;

    public double Rps => Candidate.ActiveSeconds > 0 ? Candidate.Steps.Values.Sum(s => s.Count) / Candidate.ActiveSeconds : 0;

    public string Machine => $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    /// <summary>
    /// The storage and steadiness figures every report shows, as (what, figure) lines: group-commit batch size,
    /// bytes written per acknowledged hold on each side, and each round's first against last seconds.
    /// </summary>
    public IReadOnlyList<(string Name, string Value)> Figures()
    {
        var lines = new List<(string, string)>
        {
            ("group commit (requests per write)", Storage.GroupCommits?.Describe() ?? "not reported by the platform (no batches seen)"),
            ("bytes written per hold, candidate", Bytes(Storage.CandidateWrites, Candidate, Storage.CandidateWritesNote)),
        };
        if (Baseline is { } baseline)
        {
            lines.Add(("bytes written per hold, baseline", Bytes(Storage.BaselineWrites, baseline, Storage.BaselineWritesNote ?? "not measured")));
        }
        foreach (var phase in Baseline is { } b ? new[] { Candidate, b } : [Candidate])
        {
            var decay = SliceDecay.Of(phase);
            if (decay.Count > 0)
            {
                lines.Add(($"decay, {phase.Name} {phase.KeyStep} ok/s", string.Join("; ", decay.Select(d => d.Describe()))));
            }
        }
        return lines;
    }

    /// <summary>Acknowledged holds (or purchases) of a side: its key step's successes, when the key step places orders.</summary>
    private static long Holds(Engine.Phase phase) =>
        phase.Steps.TryGetValue("hold", out var hold) ? hold.Ok : phase.Steps.TryGetValue("purchase", out var purchase) ? purchase.Ok : 0;

    private static string Bytes(WriteTally? tally, Engine.Phase phase, string note)
    {
        if (tally is null)
        {
            return note;
        }
        if (tally.Problem is { } problem)
        {
            return $"not measured ({tally.What}: {problem})";
        }
        var holds = Holds(phase);
        return tally.PerHold(holds) is { } perHold
            ? string.Create(CultureInfo.InvariantCulture, $"{perHold:N0} B ({tally.What}: {tally.Bytes:N0} B for {holds:N0} acknowledged holds)")
            : $"n/a ({tally.What}: {tally.Bytes:N0} B, no acknowledged holds)";
    }

    public string ResultLine()
    {
        var all = Candidate.AllLatencies();
        var p50 = all.TotalCount == 0 ? 0 : all.GetValueAtPercentile(50) / 1000.0;
        var p99 = all.TotalCount == 0 ? 0 : all.GetValueAtPercentile(99) / 1000.0;
        var ratio = VsBaseline is { } r ? $" vs-baseline={r.ToString("0.0#", CultureInfo.InvariantCulture)}x" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"result: {Options.Scenario.Name} ok={Candidate.Ok} failed={Candidate.Failed} rps={Rps:0.#} p50={p50:0.##} p99={p99:0.##}{ratio} invariants={(InvariantsHold ? "ok" : "broken")}");
    }

    /// <summary>What summary.json holds: every number the reports show, for machines.</summary>
    public RunSummary ToSummary()
    {
        var o = Options;
        var all = Candidate.AllLatencies();
        var phases = Baseline is { } b ? new[] { Candidate, b } : [Candidate];
        return new RunSummary(
            RunSummary.CurrentSchemaVersion,
            $"flashsale-loadtests {LoadTestCli.Version}",
            new SummaryScenario(o.Scenario.Name, o.Scenario.Description, Candidate.KeyStep),
            Target,
            BaselineDescription,
            Machine,
            StartedAt,
            Math.Round(Elapsed.TotalSeconds, 3),
            StoppedEarly,
            new SummaryLoad(o.Model == LoadModel.Open ? "open" : "closed",
                [.. Profile.Stages.Select(st => new SummaryStage(st.Kind.ToString().ToLowerInvariant(), st.Seconds, st.Level))], o.DurationSeconds),
            new SummaryResult(ResultLine(), ExitCode, Candidate.Ok, Candidate.Failed, Math.Round(Rps, 3), Millis(all, 50), Millis(all, 99),
                VsBaseline is { } r ? Math.Round(r, 4) : null, InvariantsHold ? "ok" : "broken",
                Thresholds.Count == 0 ? "none" : ThresholdsMet ? "met" : "missed"),
            [.. phases.Select(p => new SummaryPhase(p.Name, p.KeyStep, Math.Round(p.ActiveSeconds, 3), p.Started, p.Dropped, p.Crashed,
                [.. p.Steps.Values.Select(Step)]))],
            [.. Thresholds.Select(t => new SummaryThreshold(t.Threshold.Text, t.Threshold.Step, t.Threshold.Metric, t.Threshold.Comparison, t.Threshold.Limit,
                double.IsNaN(t.Actual) ? null : Math.Round(t.Actual, 4), t.Met, t.Detail))],
            [.. Invariants.Select(i => new SummaryInvariant(i.Name, i.Holds, i.Detail))],
            [.. Figures().Select(f => new SummaryFigure(f.Name, f.Value))],
            [.. Metrics.Select(m => new SummaryMetric(m.Name, double.IsFinite(m.Value) ? Math.Round(m.Value, 6) : null, m.Unit, m.Detail))]);
    }

    private static SummaryStep Step(StepMetrics s) => new(
        s.Spec.Name, s.Count, s.Ok, s.Refused, s.Failed, Math.Round(s.RatePerSecond, 3), Math.Round(s.OkRatePerSecond, 3),
        s.Count == 0 ? 0 : Math.Round((double)s.Failed / s.Count, 6),
        new SummaryLatency(Millis(s.Total, 50), Millis(s.Total, 90), Millis(s.Total, 95), Millis(s.Total, 99), Millis(s.Total, 99.9), Millis(s.Total, 100)),
        [.. s.Answers.OrderByDescending(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new SummaryAnswer(a.Key, a.Value, s.Spec.Judge(Answer.FromLabel(a.Key)).ToString().ToLowerInvariant()))],
        s.Total.TotalCount == 0 ? [] : [.. s.Total.Percentiles(5).Select(v => new SummaryPercentile(Math.Round(v.Percentile, 4), v.ValueIteratedTo / 1000.0))]);

    private static double Millis(HdrHistogram.HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;
}
