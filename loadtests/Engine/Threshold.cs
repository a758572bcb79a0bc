using System.Text.RegularExpressions;

namespace FlashSale.LoadTests.Engine;

/// <summary>
/// A pass mark for one step (or "*" for all steps together): "hold:p99&lt;50ms", "hold:error-rate&lt;0.01",
/// "sales-list:ok-rate&gt;=500". Latencies in ms (or with a unit), error rates as fractions (or percent), rates per second.
/// </summary>
public sealed partial record Threshold(string Step, string Metric, string Comparison, double Limit, string Text)
{
    public const string AllSteps = "*";
    private static readonly string[] Latencies = ["p50", "p90", "p95", "p99", "p99.9", "max"];
    private static readonly string[] Metrics = [.. Latencies, "error-rate", "rate", "ok-rate"];

    [GeneratedRegex(@"^\s*(?:(?<step>[^:]+):)?\s*(?<metric>[a-z0-9.-]+)\s*(?<op><=|>=|<|>)\s*(?<limit>[^\s]+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>Latency and error-rate marks can be judged while the load runs; rates and scenario figures only once the phase is over.</summary>
    public bool JudgedLive => IsStepMetric && Metric is not ("rate" or "ok-rate");

    /// <summary>A mark on a step's answers (p99, error-rate, ...); otherwise on a figure of the scenario's own (goodput, order-violations).</summary>
    public bool IsStepMetric => Metrics.Contains(Metric);

    /// <summary>The metrics a step has, for messages naming them.</summary>
    public static string MetricList => string.Join(", ", Metrics);

    public static Threshold Parse(string text)
    {
        var match = Shape().Match(text);
        if (!match.Success)
        {
            throw new UsageException($"--threshold: '{text}' is not step:metric<limit (e.g. hold:p99<50ms, hold:error-rate<0.01, hold:ok-rate>=100).");
        }
        var metric = match.Groups["metric"].Value;
        // Without a step, a name that is no step metric may be a figure of the scenario's (checked against it by the caller).
        if (!Metrics.Contains(metric) && match.Groups["step"].Success)
        {
            throw new UsageException($"--threshold: '{text}' names no metric {metric} ({string.Join(", ", Metrics)}).");
        }
        var raw = match.Groups["limit"].Value;
        var limit = metric switch
        {
            _ when Latencies.Contains(metric) => Durations.TryParse(raw, out var seconds) && !raw.All(c => char.IsDigit(c) || c == '.')
                ? seconds * 1000
                : Number(raw, text),
            "error-rate" when raw.EndsWith('%') => Number(raw[..^1], text) / 100,
            _ when !Metrics.Contains(metric) && raw.EndsWith('%') => Number(raw[..^1], text) / 100,
            _ when !Metrics.Contains(metric) && metric.EndsWith("-ms", StringComparison.Ordinal) && raw.Any(char.IsLetter) && Durations.TryParse(raw, out var span) => span * 1000,
            _ => Number(raw, text),
        };
        var step = match.Groups["step"].Success ? match.Groups["step"].Value.Trim() : AllSteps;
        return new Threshold(step, metric, match.Groups["op"].Value, limit, text.Trim());
    }

    /// <summary>The older whole-run flags (--max-p99, --max-error-rate, --min-rate), named as they always were.</summary>
    public static Threshold MaxP99(double ms) => new(AllSteps, "p99", "<=", ms, $"p99 <= {ms} ms");

    public static Threshold MaxErrorRate(double rate) => new(AllSteps, "error-rate", "<=", rate, $"error rate <= {rate:P2}");

    public static Threshold MinRate(string keyStep, double perSecond) => new(keyStep, "ok-rate", ">=", perSecond, $"{keyStep} >= {perSecond:N0}/s");

    public ThresholdResult Evaluate(Phase phase, IReadOnlyList<ScenarioMetric>? figures = null)
    {
        if (!IsStepMetric)
        {
            return figures?.FirstOrDefault(f => f.Name == Metric) is { } figure
                ? new ThresholdResult(this, Compare(figure.Value), figure.Value, figure.Describe())
                : new ThresholdResult(this, false, double.NaN, $"{Metric} was not measured");
        }
        if (Step != AllSteps && !phase.Steps.ContainsKey(Step))
        {
            return new ThresholdResult(this, false, double.NaN, $"{phase.Name} has no step '{Step}' (steps: {string.Join(", ", phase.Steps.Keys)})");
        }
        var steps = Step == AllSteps ? phase.Steps.Values.ToList() : [phase.Steps[Step]];
        var count = steps.Sum(s => s.Count);
        var failed = steps.Sum(s => s.Failed);
        var (actual, detail) = Metric switch
        {
            "error-rate" => count == 0 ? (0, "no answers") : ((double)failed / count, $"{failed:N0} failed of {count:N0} = {(double)failed / count:P2}"),
            "rate" => (steps.Sum(s => s.RatePerSecond), $"{steps.Sum(s => s.RatePerSecond):N1} answers/s"),
            "ok-rate" => (steps.Sum(s => s.OkRatePerSecond), $"{steps.Sum(s => s.OkRatePerSecond):N1}/s"),
            _ => Latency(steps),
        };
        return new ThresholdResult(this, Compare(actual), actual, detail);
    }

    private bool Compare(double actual) => Comparison switch
    {
        "<" => actual < Limit,
        "<=" => actual <= Limit,
        ">" => actual > Limit,
        _ => actual >= Limit,
    };

    private (double, string) Latency(IReadOnlyList<StepMetrics> steps)
    {
        var all = new HdrHistogram.LongHistogram(1, StepMetrics.HighestMicros, 3);
        foreach (var step in steps)
        {
            all.Add(step.Total);
        }
        var percentile = Metric == "max" ? 100 : double.Parse(Metric[1..], CultureInfo.InvariantCulture);
        var ms = all.TotalCount == 0 ? 0 : all.GetValueAtPercentile(percentile) / 1000.0;
        return (ms, string.Create(CultureInfo.InvariantCulture, $"{Metric} {ms:0.##} ms"));
    }

    private static double Number(string raw, string text) =>
        double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n : throw new UsageException($"--threshold: '{raw}' in '{text}' is not a number.");
}
