using System.ComponentModel;
using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Scenarios;
using Spectre.Console.Cli;

namespace FlashSale.LoadTests;

/// <summary>
/// The options of <c>run</c> as typed, parsed by Spectre.Console.Cli (<c>--rate 200</c> or <c>--rate=200</c>) and
/// checked into <see cref="RunOptions"/>: a wrong combination stops the tool with one line saying what to write instead.
/// </summary>
public sealed class RunSettings : CommandSettings
{
    [CommandArgument(0, "<scenario>"), Description("What to rehearse (see 'list').")]
    public string Scenario { get; init; } = "";

    [CommandOption("--target <URL>"), Description("Drive a running platform over HTTP (its marketer key: --api-key, FLASHSALE_MARKETER_KEY, --data-dir or client/data/marketer.key).")]
    public string? Target { get; init; }

    [CommandOption("--in-process"), Description("Start a silo in this process and drive the grains (the default).")]
    public bool InProcess { get; init; }

    [CommandOption("--storage <KIND>"), Description("In-process storage: sqlite (default) or postgres (ConnectionStrings__FlashSale, else a scratch database).")]
    public string? Storage { get; init; }

    [CommandOption("--rate <N>"), Description("Open model: N arriving shoppers per second (default 100); overload also takes 2x: twice the platform's maximum, measured first (or --max-rate).")]
    public string? Rate { get; init; }

    [CommandOption("--concurrency <N>"), Description("Closed model: N shoppers, each waiting for its answer.")]
    public string? Concurrency { get; init; }

    [CommandOption("--duration <TIME>"), Description("How long the candidate runs: 500ms, 20s, 1m30s, 1h (default 30s; with --baseline the baseline runs as long again).")]
    public string? Duration { get; init; }

    [CommandOption("--stages <STAGES>"), Description("The load's shape instead of the scenario's: ramp:5s:100,hold:20s:100,spike:3s:400.")]
    public string? Stages { get; init; }

    [CommandOption("--baseline [KIND]"), Description("Also run a baseline, alternating with the candidate: sql, redis or plain (with --target); alone, the scenario's default.")]
    public FlagValue<string>? Baseline { get; init; }

    [CommandOption("--redis-server <PATH>"), Description("The redis-server program for --baseline redis (default: redis-server on the PATH).")]
    public string? RedisServer { get; init; }

    [CommandOption("--target-db <DB>"), Description("The --target platform's database, for bytes written per hold: postgres, a connection string, or its SQLite file.")]
    public string? TargetDb { get; init; }

    [CommandOption("--warmup <TIME>"), Description("A light run before measuring (JIT, connections, activations); 0 for none (default 2s).")]
    public string? Warmup { get; init; }

    [CommandOption("--report-dir <DIR>"), Description("Where the reports go (default loadtests/results/<scenario>-<time>).")]
    public string? ReportDir { get; init; }

    [CommandOption("--api-key <KEY>"), Description("The platform's marketer key, for --target.")]
    public string? ApiKey { get; init; }

    [CommandOption("--signing-key <KEY>"), Description("With --target: the platform's FlashSale:Auth:SigningKey; shoppers get tokens made with it, as from a trusted identity provider, instead of signing in (needed when the platform signs shoppers in by a mailed code).")]
    public string? SigningKey { get; init; }

    [CommandOption("--data-dir <DIR>"), Description("With --target: the platform's data folder, to read its generated signing key (signing.key) and marketer key (marketer.key) there.")]
    public string? DataDir { get; init; }

    [CommandOption("--stock <N>"), Description("Stock per item.")]
    public string? Stock { get; init; }

    [CommandOption("--admit-per-second <N>"), Description("overload: the sale's waiting room lets this many shoppers a second through (default: half the arrival rate).")]
    public string? AdmitPerSecond { get; init; }

    [CommandOption("--max-rate <N>"), Description("overload with --rate Nx: the platform's maximum in holds a second, instead of measuring it with a short closed-loop probe.")]
    public string? MaxRate { get; init; }

    [CommandOption("--slo <TIME>"), Description("overload: an answer within this time is good (goodput, fast refusals; default 500ms).")]
    public string? Slo { get; init; }

    [CommandOption("--connections <N>"), Description("streams: live stock streams held open while the holds run (default 1,000).")]
    public string? Connections { get; init; }

    [CommandOption("--promo-cap <N>"), Description("Cap of the scenario's shared code.")]
    public string? PromoCap { get; init; }

    [CommandOption("--max-in-flight <N>"), Description("Open model: arrivals beyond this many unanswered shoppers are counted as dropped (default 20,000).")]
    public string? MaxInFlight { get; init; }

    [CommandOption("--threshold <RULE>"), Description("A pass mark per step, repeatable: hold:p99<50ms, hold:error-rate<0.01, sales-list:ok-rate>=500 (* for all steps). A miss: exit code 2.")]
    public string[] Threshold { get; init; } = [];

    [CommandOption("--abort-on-fail"), Description("Stop as soon as a latency or error-rate threshold is missed (drain, check, report; exit code 2).")]
    public bool AbortOnFail { get; init; }

    [CommandOption("--max-p99 <MS>"), Description("Whole-run threshold: p99 of every step together, in ms (= --threshold \"*:p99<=MS\").")]
    public string? MaxP99 { get; init; }

    [CommandOption("--max-error-rate <F>"), Description("Whole-run threshold: failed answers over all answers, 0 to 1.")]
    public string? MaxErrorRate { get; init; }

    [CommandOption("--min-rate <N>"), Description("Threshold: the key step's successful answers per second.")]
    public string? MinRate { get; init; }

    [CommandOption("--drain <TIME>"), Description("How long answers still on their way are waited for when a slice ends or the run is stopped (default 30s).")]
    public string? Drain { get; init; }

    public RunOptions ToOptions(IReadOnlyList<Scenario> catalog)
    {
        var scenario = catalog.FirstOrDefault(s => s.Name == Scenario)
            ?? throw new UsageException($"run: no scenario '{Scenario}' (see 'list').");
        if (Target is not null && InProcess)
        {
            throw new UsageException("--target and --in-process exclude each other.");
        }
        Uri? uri = null;
        if (Target is not null && (!Uri.TryCreate(Target, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https")))
        {
            throw new UsageException($"--target: '{Target}' is not an http(s) URL.");
        }
        if (Storage is not (null or "sqlite" or "postgres"))
        {
            throw new UsageException($"--storage: '{Storage}' is not sqlite or postgres.");
        }
        if (uri is not null && Storage is not null)
        {
            throw new UsageException("--storage is for --in-process; a --target keeps its own storage.");
        }
        if (Rate is not null && Concurrency is not null)
        {
            throw new UsageException("--rate (open model) and --concurrency (closed model) exclude each other.");
        }
        var stages = Stages?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Stage.Parse).ToList();
        var baseline = ChosenBaseline(scenario);
        if (baseline == BaselineKind.Plain && uri is null)
        {
            throw new UsageException("--baseline plain compares HTTP with HTTP: use it with --target.");
        }
        if (uri is null && (SigningKey is not null || DataDir is not null))
        {
            throw new UsageException("--signing-key and --data-dir are for --target; in process the tool drives the grains without tokens.");
        }
        if (uri is null && TargetDb is not null)
        {
            throw new UsageException("--target-db is for --target; in process the tool knows its own storage.");
        }
        var thresholds = Threshold.Select(Engine.Threshold.Parse).ToList();
        if (thresholds.FirstOrDefault(t => !t.IsStepMetric && !scenario.MetricNames.Contains(t.Metric)) is { } notAMetric)
        {
            var names = scenario.MetricNames.Count == 0 ? Engine.Threshold.MetricList : $"{Engine.Threshold.MetricList}; of {scenario.Name}: {string.Join(", ", scenario.MetricNames)}";
            throw new UsageException($"--threshold: '{notAMetric.Text}' names no metric {notAMetric.Metric} ({names}).");
        }
        double? timesMax = null;
        if (Rate is { Length: > 1 } multiple && multiple.EndsWith('x'))
        {
            if (!scenario.MeasuresItsMaximum)
            {
                throw new UsageException($"--rate: '{Rate}' (a multiple of the measured maximum) is for overload; {scenario.Name} takes arrivals a second.");
            }
            timesMax = Number(multiple[..^1], "--rate", 0.1, 100);
        }
        if (MaxRate is not null && timesMax is null)
        {
            throw new UsageException("--max-rate goes with --rate Nx (arrivals at N times that maximum).");
        }
        // Either target's steps: sign-in is a step of its own only over HTTP.
        var steps = scenario.Steps(true).Concat(scenario.Steps(false)).Select(s => s.Name).Distinct().ToList();
        if (thresholds.FirstOrDefault(t => t.Step != Engine.Threshold.AllSteps && !steps.Contains(t.Step)) is { } unknown)
        {
            throw new UsageException($"--threshold: '{unknown.Text}' names no step of {scenario.Name} ({string.Join(", ", steps)}).");
        }
        if (Number(MaxP99, "--max-p99", 0.001, 1_000_000) is { } p99)
        {
            thresholds.Add(Engine.Threshold.MaxP99(p99));
        }
        if (Number(MaxErrorRate, "--max-error-rate", 0, 1) is { } errors)
        {
            thresholds.Add(Engine.Threshold.MaxErrorRate(errors));
        }
        if (Number(MinRate, "--min-rate", 0, 10_000_000) is { } min)
        {
            thresholds.Add(Engine.Threshold.MinRate(scenario.KeyStep, min));
        }
        var duration = Duration is null ? 30 : Durations.Parse(Duration, "--duration");
        return new RunOptions
        {
            Scenario = scenario,
            Target = uri,
            Storage = Storage ?? "sqlite",
            Model = Concurrency is null ? LoadModel.Open : LoadModel.Closed,
            Level = Number(Concurrency, "--concurrency", 1, 100_000) ?? (timesMax is null ? Number(Rate, "--rate", 0.1, 1_000_000) : null) ?? 100,
            RateTimesMax = timesMax,
            MaxRate = Number(MaxRate, "--max-rate", 1, 1_000_000),
            SloSeconds = Slo is null ? 0.5 : Durations.Parse(Slo, "--slo"),
            Connections = (int?)Number(Connections, "--connections", 1, 100_000),
            DurationSeconds = stages?.Sum(x => x.Seconds) ?? duration,
            Stages = stages,
            Baseline = baseline,
            ReportDir = ReportDir,
            WarmupSeconds = Warmup is null ? 2 : Warmup == "0" ? 0 : Durations.Parse(Warmup, "--warmup"),
            ApiKey = ApiKey,
            SigningKey = SigningKey,
            DataDir = DataDir,
            RedisServer = RedisServer,
            TargetDb = TargetDb,
            Stock = (int?)Number(Stock, "--stock", 1, FlashSale.Sales.SaleValidation.MaxStockPerItem),
            PromoCap = (int?)Number(PromoCap, "--promo-cap", 1, 10_000_000),
            AdmitPerSecond = (int?)Number(AdmitPerSecond, "--admit-per-second", 1, 100_000),
            // Shoppers waiting their turn in a line are in flight too: at a multiple of the maximum the line grows by design.
            MaxInFlight = (int?)Number(MaxInFlight, "--max-in-flight", 1, 1_000_000) ?? (timesMax is null ? 20_000 : 1_000_000),
            Thresholds = thresholds,
            AbortOnFail = AbortOnFail,
            DrainSeconds = Drain is null ? 30 : Durations.Parse(Drain, "--drain"),
            PostgreSql = Environment.GetEnvironmentVariable("ConnectionStrings__FlashSale"),
        };
    }

    private BaselineKind? ChosenBaseline(Scenario scenario) => Baseline is not { IsSet: true } flag ? null : flag.Value switch
    {
        null => scenario.DefaultBaseline,
        "sql" => BaselineKind.Sql,
        "redis" => BaselineKind.Redis,
        "plain" => BaselineKind.Plain,
        var kind => throw new UsageException($"--baseline: '{kind}' is not sql, redis or plain."),
    };

    /// <summary>Numbers are read here rather than by the parser, so a wrong one gets a line naming its option and range.</summary>
    private static double? Number(string? text, string name, double min, double max) =>
        text is null ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
        : throw new UsageException($"{name}: '{text}' must be a number from {min} to {max:N0}.");
}
