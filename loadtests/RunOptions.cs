using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Scenarios;

namespace FlashSale.LoadTests;

/// <summary>The command line of <c>run</c>, checked: a wrong option stops the tool with a line saying what to write instead.</summary>
public sealed class RunOptions
{
    public required Scenario Scenario { get; init; }
    public Uri? Target { get; init; }
    public string Storage { get; init; } = "sqlite";
    public LoadModel Model { get; init; } = LoadModel.Open;
    public double Level { get; init; } = 100;
    public double DurationSeconds { get; init; } = 30;
    public IReadOnlyList<Stage>? Stages { get; init; }
    public BaselineKind? Baseline { get; init; }
    public int Rounds { get; init; } = 2;
    public double WarmupSeconds { get; init; } = 2;
    public string? ReportDir { get; init; }
    public string? ApiKey { get; init; }
    public string? SigningKey { get; init; }
    public string? DataDir { get; init; }
    public string? PostgreSql { get; init; }
    public string? RedisServer { get; init; }
    public string? TargetDb { get; init; }
    public int? Stock { get; init; }
    public int? PromoCap { get; init; }
    public int MaxInFlight { get; init; } = 20_000;
    public double? MaxP99Ms { get; init; }
    public double? MaxErrorRate { get; init; }
    public double? MinRate { get; init; }

    public bool InProcess => Target is null;

    public const string Usage = """
        usage: dotnet run -c Release --project loadtests -- list
               dotnet run -c Release --project loadtests -- run <scenario> [options]
          --target URL            drive a running platform over HTTP (its marketer key: --api-key, FLASHSALE_MARKETER_KEY or client/data/marketer.key)
          --signing-key KEY       with --target: the platform's FlashSale:Auth:SigningKey; shoppers get tokens made with it, as from a trusted
                                  identity provider, instead of signing in (needed when the platform signs shoppers in by a mailed code)
          --data-dir DIR          with --target: the platform's data folder, to read its generated signing key (signing.key) there
          --in-process            start a silo in this process and drive the grains (default)
          --storage sqlite|postgres   in-process storage (PostgreSQL from ConnectionStrings:FlashSale, else a scratch database)
          --rate N                open model: N arriving shoppers per second (default 100)
          --concurrency N         closed model: N shoppers, each waiting for its answer
          --duration 30s          how long the candidate runs (with --baseline, the baseline runs as long again)
          --stages ramp:5s:100,hold:20s:100,spike:3s:400   the load's shape instead of the scenario's
          --baseline [sql|redis|plain]  also run a baseline, alternating with the candidate; report ratios of acknowledged holds/s
                                  sql: one PostgreSQL statement per purchase; redis: Redis + Lua on a redis-server of its own (fsync always);
                                  plain: a plain ASP.NET Core endpoint (with --target)
          --redis-server PATH     the redis-server program for --baseline redis (default: redis-server on the PATH)
          --target-db postgres|CONN|FILE   the --target platform's database, for bytes written per hold (its SQLite file or PostgreSQL)
          --warmup 2s             a light run before measuring (JIT, connections, activations); 0 for none
          --report-dir DIR        where the reports go (default loadtests/results/<scenario>-<time>)
          --stock N, --promo-cap N    stock per item, cap of the shared code
          --max-p99 MS, --max-error-rate F, --min-rate N   thresholds: a miss ends with exit code 2
        exit codes: 0 ok, 1 usage, 2 threshold missed, 3 invariant broken
        """;

    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException("run: name a scenario first (see 'list').");
        }
        var scenario = ScenarioCatalog.Find(args[0]) ?? throw new UsageException($"run: no scenario '{args[0]}' (see 'list').");
        var values = new Dictionary<string, string?>();
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"'{name}' is not an option (options start with --).");
            }
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[name] = hasValue ? args[++i] : null;
        }
        string? Text(string name) => values.Remove(name, out var value) ? value ?? throw new UsageException($"{name} needs a value.") : null;
        bool Flag(string name) => values.Remove(name, out var value) && (value is null ? true : throw new UsageException($"{name} takes no value."));
        double? Number(string name, double min, double max)
        {
            if (Text(name) is not { } text)
            {
                return null;
            }
            return double.TryParse(text, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n : throw new UsageException($"{name}: '{text}' must be a number from {min} to {max:N0}.");
        }

        var target = Text("--target");
        var inProcess = Flag("--in-process");
        if (target is not null && inProcess)
        {
            throw new UsageException("--target and --in-process exclude each other.");
        }
        Uri? uri = null;
        if (target is not null && (!Uri.TryCreate(target, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https")))
        {
            throw new UsageException($"--target: '{target}' is not an http(s) URL.");
        }
        var storage = Text("--storage") ?? "sqlite";
        if (storage is not ("sqlite" or "postgres"))
        {
            throw new UsageException($"--storage: '{storage}' is not sqlite or postgres.");
        }
        if (uri is not null && values.ContainsKey("--storage"))
        {
            throw new UsageException("--storage is for --in-process; a --target keeps its own storage.");
        }
        var rate = Number("--rate", 0.1, 1_000_000);
        var concurrency = Number("--concurrency", 1, 100_000);
        if (rate is not null && concurrency is not null)
        {
            throw new UsageException("--rate (open model) and --concurrency (closed model) exclude each other.");
        }
        var duration = Text("--duration") is { } d ? Durations.Parse(d, "--duration") : 30;
        var stages = Text("--stages") is { } s ? s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Stage.Parse).ToList() : null;
        BaselineKind? baseline = null;
        if (values.Remove("--baseline", out var kind))
        {
            baseline = kind switch
            {
                null => scenario.DefaultBaseline,
                "sql" => BaselineKind.Sql,
                "redis" => BaselineKind.Redis,
                "plain" => BaselineKind.Plain,
                _ => throw new UsageException($"--baseline: '{kind}' is not sql, redis or plain."),
            };
            if (baseline == BaselineKind.Plain && uri is null)
            {
                throw new UsageException("--baseline plain compares HTTP with HTTP: use it with --target.");
            }
        }
        if (uri is null && (values.ContainsKey("--signing-key") || values.ContainsKey("--data-dir")))
        {
            throw new UsageException("--signing-key and --data-dir are for --target; in process the tool drives the grains without tokens.");
        }
        if (uri is null && values.ContainsKey("--target-db"))
        {
            throw new UsageException("--target-db is for --target; in process the tool knows its own storage.");
        }
        var options = new RunOptions
        {
            Scenario = scenario,
            Target = uri,
            Storage = storage,
            Model = concurrency is null ? LoadModel.Open : LoadModel.Closed,
            Level = concurrency ?? rate ?? 100,
            DurationSeconds = stages?.Sum(x => x.Seconds) ?? duration,
            Stages = stages,
            Baseline = baseline,
            ReportDir = Text("--report-dir"),
            WarmupSeconds = Text("--warmup") is { } w ? (w == "0" ? 0 : Durations.Parse(w, "--warmup")) : 2,
            ApiKey = Text("--api-key"),
            SigningKey = Text("--signing-key"),
            DataDir = Text("--data-dir"),
            RedisServer = Text("--redis-server"),
            TargetDb = Text("--target-db"),
            Stock = (int?)Number("--stock", 1, FlashSale.Sales.SaleValidation.MaxStockPerItem),
            PromoCap = (int?)Number("--promo-cap", 1, 10_000_000),
            MaxInFlight = (int?)Number("--max-in-flight", 1, 1_000_000) ?? 20_000,
            MaxP99Ms = Number("--max-p99", 0.001, 1_000_000),
            MaxErrorRate = Number("--max-error-rate", 0, 1),
            MinRate = Number("--min-rate", 0, 10_000_000),
            PostgreSql = Environment.GetEnvironmentVariable("ConnectionStrings__FlashSale"),
        };
        if (values.Count > 0)
        {
            throw new UsageException($"unknown option {values.Keys.First()} (see --help).");
        }
        return options;
    }

    public LoadProfile Profile() => new(Stages ?? Scenario.DefaultStages(Level, DurationSeconds));
}
