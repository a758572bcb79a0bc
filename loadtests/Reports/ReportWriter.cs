using System.Net;
using System.Text;
using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Reports.Summary;
using HdrHistogram;

namespace FlashSale.LoadTests.Reports;

/// <summary>
/// Writes a run's reports: Markdown, summary.json and junit.xml for machines, one self-contained HTML page with SVG
/// charts, CSV per second, and the HdrHistogram log. The HTML page and junit.xml are drawn from summary.json and
/// timeline.csv only, so <see cref="Rebuild"/> makes the same files again from a results folder.
/// </summary>
public static class ReportWriter
{
    private static readonly string[] Palette = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0a7ea4"];

    public static IReadOnlyList<string> Write(RunReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.md"), Markdown(report));
        SummaryFile.Write(report.ToSummary(), Path.Combine(folder, SummaryFile.Name));
        Timeline.Write(Phases(report).SelectMany(p => p.Steps.Values).SelectMany(s => s.Samples), Path.Combine(folder, Timeline.Name));
        WriteHistogramLog(report, Path.Combine(folder, "latency.hlog"));
        Rebuild(folder);
        return [.. new[] { "report.md", "report.html", SummaryFile.Name, JUnitReport.Name, Timeline.Name, "latency.hlog" }.Select(f => Path.Combine(folder, f))];
    }

    /// <summary>report.html and junit.xml from the folder's summary.json and timeline.csv.</summary>
    public static IReadOnlyList<string> Rebuild(string folder)
    {
        var summary = SummaryFile.Read(Path.Combine(folder, SummaryFile.Name));
        var samples = Timeline.Read(Path.Combine(folder, Timeline.Name));
        var html = Path.Combine(folder, "report.html");
        var junit = Path.Combine(folder, JUnitReport.Name);
        File.WriteAllText(html, Html(summary, samples));
        File.WriteAllText(junit, JUnitReport.Xml(summary));
        return [html, junit];
    }

    private static IEnumerable<Phase> Phases(RunReport report) => report.Baseline is { } b ? [report.Candidate, b] : [report.Candidate];

    public static string Markdown(RunReport report)
    {
        var md = new StringBuilder();
        var o = report.Options;
        md.AppendLine($"# Load test: {o.Scenario.Name}").AppendLine();
        md.AppendLine($"{o.Scenario.Description}.").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        md.AppendLine($"| started | {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {report.Elapsed.TotalSeconds:0} s in all |");
        md.AppendLine($"| target | {report.Target} |");
        md.AppendLine($"| load | {(o.Model == LoadModel.Open ? "open model (arrivals/s)" : "closed model (concurrent shoppers)")}: {report.Profile.Describe(o.Model == LoadModel.Open ? "/s" : "")}; candidate {report.Candidate.ActiveSeconds:0.#} s |");
        if (report.BaselineDescription is { } baseline)
        {
            md.AppendLine($"| baseline | {baseline}, {report.Baseline!.ActiveSeconds:0.#} s, alternating with the candidate in {o.Rounds} rounds |");
        }
        if (report.StoppedEarly is { } stopped)
        {
            md.AppendLine($"| stopped early | {stopped}: the figures cover the load that ran |");
        }
        md.AppendLine($"| machine | {report.Machine} |").AppendLine();
        md.AppendLine("```").AppendLine(report.ResultLine()).AppendLine("```").AppendLine();
        if (report.VsBaseline is not null && o.Model == LoadModel.Open)
        {
            md.AppendLine($"Open model: both sides were offered the same arrivals, so a ratio near 1 only says both kept up. Compare capacity with --concurrency (closed model).").AppendLine();
        }
        if (report.VsBaseline is { } shown)
        {
            var ratio = shown;
            md.AppendLine($"**{report.Candidate.KeyStep}: {report.Candidate.Key.OkRatePerSecond:N0}/s against the baseline's {report.Baseline!.Key.OkRatePerSecond:N0}/s = {ratio:0.0#}x.**").AppendLine();
        }
        md.AppendLine("## Storage and steadiness").AppendLine();
        md.AppendLine("| figure | value |").AppendLine("|---|---|");
        foreach (var (name, value) in report.Figures())
        {
            md.AppendLine($"| {name} | {value} |");
        }
        md.AppendLine().AppendLine("Group commit: requests one storage write covered, in the candidate's slices. Bytes per hold: what the side's storage wrote " +
                                   "during its own slices over its acknowledged holds. Decay: a round's last seconds against its first (1.00x is steady).").AppendLine();
        md.AppendLine("## Steps").AppendLine();
        md.AppendLine("| phase | step | ok | refused | failed | answers/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var phase in Phases(report))
        {
            foreach (var s in phase.Steps.Values.Where(s => s.Count > 0))
            {
                md.AppendLine($"| {phase.Name} | {s.Spec.Name} | {s.Ok:N0} | {s.Refused:N0} | {s.Failed:N0} | {s.RatePerSecond:N1} | {s.Percentile(50):0.##} | {s.Percentile(90):0.##} | {s.Percentile(99):0.##} | {s.Percentile(99.9):0.##} | {s.Percentile(100):0.##} |");
            }
        }
        md.AppendLine().AppendLine("Refused: the shop's own correct answers (sold out, code used up, limit reached). Latency counts from the scheduled arrival in the open model.");
        var dropped = Phases(report).Sum(p => p.Dropped);
        var crashed = Phases(report).Sum(p => p.Crashed);
        md.AppendLine($"Arrivals not started (over {o.MaxInFlight:N0} in flight): {dropped:N0}; scenario errors in the tool: {crashed:N0}.").AppendLine();
        md.AppendLine("## Answers by type").AppendLine();
        md.AppendLine("| phase | step | answer | count |").AppendLine("|---|---|---|---:|");
        foreach (var phase in Phases(report))
        {
            foreach (var s in phase.Steps.Values)
            {
                foreach (var (label, count) in s.Answers.OrderByDescending(a => a.Value))
                {
                    md.AppendLine($"| {phase.Name} | {s.Spec.Name} | {label} | {count:N0} |");
                }
            }
        }
        if (report.Metrics.Count > 0)
        {
            md.AppendLine().AppendLine($"## Figures of {o.Scenario.Name}").AppendLine();
            md.AppendLine("| figure | value | unit | how |").AppendLine("|---|---:|---|---|");
            foreach (var m in report.Metrics)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {m.Name} | {m.Value:0.####} | {m.Unit} | {m.Detail} |");
            }
        }
        md.AppendLine().AppendLine("## Invariants").AppendLine();
        foreach (var i in report.Invariants)
        {
            md.AppendLine($"- {(i.Holds ? "✅" : "❌ BROKEN")} {i.Name}: {i.Detail}");
        }
        if (report.Thresholds.Count > 0)
        {
            md.AppendLine().AppendLine("## Thresholds").AppendLine();
            foreach (var t in report.Thresholds)
            {
                md.AppendLine($"- {(t.Met ? "✅" : "❌ missed")} {t.Name}: {t.Detail}");
            }
        }
        return md.ToString();
    }

    private static string Html(RunSummary report, IReadOnlyList<SecondSample> samples)
    {
        var candidate = report.Phases[0];
        var key = candidate.KeyStep;
        var phases = report.Phases;
        IReadOnlyList<SecondSample> Of(SummaryPhase p, string step) => [.. samples.Where(x => x.Phase == p.Name && x.Step == step)];
        var rateSeries = phases.SelectMany((p, i) => p.Steps.Where(s => s.Count > 0).Select((s, j) =>
            new Series($"{p.Name} {s.Name}", Palette[(i * 3 + j) % Palette.Length], [.. Of(p, s.Name).Select(x => (x.Second, x.Rate))]))).ToList();
        if (report.Load.Model == "open")
        {
            rateSeries.Add(new Series("target arrivals/s", "#888", [.. Of(candidate, key).Select(x => (x.Second, x.TargetLevel))], Dashed: true));
        }
        var latencySeries = phases.SelectMany((p, i) => new[]
        {
            new Series($"{p.Name} {p.KeyStep} p50", Palette[i * 2 % Palette.Length], [.. Of(p, p.KeyStep).Select(x => (x.Second, x.P50Ms))]),
            new Series($"{p.Name} {p.KeyStep} p99", Palette[(i * 2 + 1) % Palette.Length], [.. Of(p, p.KeyStep).Select(x => (x.Second, x.P99Ms))]),
        }).ToList();
        var distribution = phases.SelectMany((p, i) => p.Steps.Where(s => s.Count > 0).Select((s, j) =>
            new Series($"{p.Name} {s.Name}", Palette[(i * 3 + j) % Palette.Length], Distribution(s.Distribution)))).ToList();
        var answers = phases.SelectMany(p => p.Steps.SelectMany(s => s.Answers.Where(a => !a.Label.StartsWith('2'))
                .Select(a => ($"{p.Name} {s.Name}: {a.Label}", (double)a.Count, a.Verdict == "refused" ? "#9a6700" : "#d1242f"))))
            .OrderByDescending(b => b.Item2).Take(14).ToList();
        var percentileTicks = new[] { (0.0, "0%"), (1.0, "90%"), (2.0, "99%"), (3.0, "99.9%"), (4.0, "99.99%") };

        var html = new StringBuilder();
        html.Append("<!doctype html><html lang='en'><head><meta charset='utf-8'><meta name='viewport' content='width=device-width,initial-scale=1'>");
        html.Append($"<title>Load test {E(report.Scenario.Name)}</title><style>");
        html.Append("body{font-family:system-ui,sans-serif;max-width:900px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0;font-size:14px}");
        html.Append("td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}td:first-child,th:first-child,td:nth-child(2){text-align:left}");
        html.Append("pre{background:#f6f8fa;padding:10px;overflow:auto}.ok{color:#1a7f37}.broken{color:#d1242f;font-weight:bold}figure{margin:1.5em 0}</style></head><body>");
        html.Append($"<h1>Load test: {E(report.Scenario.Name)}</h1><p>{E(report.Scenario.Description)}.</p>");
        html.Append($"<p>Target: {E(report.Target)}{(report.Baseline is { } b ? $"; baseline: {E(b)}" : "")}. Machine: {E(report.Machine)}. Started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC.</p>");
        if (report.StoppedEarly is { } stopped)
        {
            html.Append($"<p class='broken'>Stopped early: {E(stopped)}. The figures cover the load that ran.</p>");
        }
        html.Append($"<pre>{E(report.Result.Line)}</pre>");
        html.Append("<h2>Storage and steadiness</h2><table>");
        foreach (var figure in report.Figures)
        {
            html.Append($"<tr><td>{E(figure.Name)}</td><td style='text-align:left'>{E(figure.Value)}</td></tr>");
        }
        html.Append("</table>");
        html.Append("<h3>Answers per second</h3><figure>").Append(SvgChart.Lines("Answers per second", "seconds since start", "answers/s", rateSeries)).Append("</figure>");
        html.Append($"<h3>{E(key)}: p50 and p99 latency per second</h3><figure>").Append(SvgChart.Lines($"{key} latency over time (ms)", "seconds since start", "ms", latencySeries)).Append("</figure>");
        html.Append("<h3>Latency distribution by percentile</h3><figure>").Append(SvgChart.Lines("Latency distribution (ms by percentile)", "percentile", "ms", distribution, percentileTicks)).Append("</figure>");
        html.Append("<h3>Refusals (amber) and failures (red) by type</h3><figure>").Append(SvgChart.Bars("Refusals (amber) and failures (red) by type", answers)).Append("</figure>");
        if (report.Metrics is { Count: > 0 } metrics)
        {
            html.Append($"<h2>Figures of {E(report.Scenario.Name)}</h2><table><tr><th>figure</th><th>value</th><th>unit</th><th>how</th></tr>");
            foreach (var m in metrics)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(m.Name)}</td><td>{m.Value:0.####}</td><td>{E(m.Unit)}</td><td style='text-align:left'>{E(m.Detail)}</td></tr>");
            }
            html.Append("</table>");
        }
        html.Append("<h2>Invariants</h2><ul>");
        foreach (var i in report.Invariants)
        {
            html.Append($"<li class='{(i.Holds ? "ok" : "broken")}'>{(i.Holds ? "holds" : "BROKEN")}: {E(i.Name)} — {E(i.Detail)}</li>");
        }
        html.Append("</ul>");
        foreach (var t in report.Thresholds)
        {
            html.Append($"<p class='{(t.Met ? "ok" : "broken")}'>{(t.Met ? "met" : "MISSED")}: {E(t.Rule)} — {E(t.Detail)}</p>");
        }
        html.Append("<h2>Steps</h2><table><tr><th>phase</th><th>step</th><th>ok</th><th>refused</th><th>failed</th><th>answers/s</th><th>p50 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th></tr>");
        foreach (var phase in phases)
        {
            foreach (var s in phase.Steps.Where(s => s.Count > 0))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(phase.Name)}</td><td>{E(s.Name)}</td><td>{s.Ok:N0}</td><td>{s.Refused:N0}</td><td>{s.Failed:N0}</td><td>{s.RatePerSecond:N1}</td><td>{s.LatencyMs.P50:0.##}</td><td>{s.LatencyMs.P99:0.##}</td><td>{s.LatencyMs.P999:0.##}</td><td>{s.LatencyMs.Max:0.##}</td></tr>");
            }
        }
        html.Append("</table></body></html>");
        return html.ToString();
    }

    /// <summary>Latency by percentile, x on a log scale of 1/(1 - p): 90 %, 99 %, 99.9 % equally spaced.</summary>
    private static List<(double X, double Y)> Distribution(IReadOnlyList<SummaryPercentile> points) =>
        [.. points.Select(v => (Math.Min(4, Math.Log10(1 / Math.Max(1e-4, 1 - v.Percentile / 100))), v.Ms))];

    /// <summary>Interval histograms tagged phase.step, in microseconds (HistogramLogProcessor and HdrHistogram's plotter read it).</summary>
    private static void WriteHistogramLog(RunReport report, string path)
    {
        using var buffer = new MemoryStream();
        using (var writer = new HistogramLogWriter(buffer))
        {
            writer.Write(report.StartedAt.UtcDateTime, [.. Phases(report).SelectMany(p => p.Steps.Values).SelectMany(s => s.Intervals).OrderBy(h => h.StartTimeStamp)]);
        }
        // HdrHistogram.NET writes UTF-16; the log readers of the other HdrHistogram ports expect plain ASCII.
        var text = Encoding.Unicode.GetString(buffer.ToArray()).TrimStart('\uFEFF');
        File.WriteAllText(path, text, Encoding.ASCII);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
