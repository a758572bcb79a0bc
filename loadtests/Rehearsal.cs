using FlashSale.LoadTests.Baselines;
using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Invariants;
using FlashSale.LoadTests.Measures;
using FlashSale.LoadTests.Reports;
using FlashSale.LoadTests.Scenarios;
using FlashSale.LoadTests.Targets;
using FlashSale.LoadTests.Telemetry;
using FlashSale.Sales;
using Spectre.Console;

namespace FlashSale.LoadTests;

/// <summary>
/// One rehearsal: set the scenario up on the target, run it (alternating with the baseline when asked), check
/// the invariants, write the reports, print the result line. The exit code says how it went. A stop (Ctrl+C,
/// SIGTERM, or a missed threshold with --abort-on-fail) ends the arrivals early; what follows runs all the same.
/// </summary>
public static class Rehearsal
{
    public const int Ok = 0;
    public const int ThresholdMissed = 2;
    public const int InvariantBroken = 3;
    public const int StoppedEarly = 4;

    public static async Task<int> RunAsync(RunOptions options, bool interactive, RunStop stop)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var scenario = options.Scenario;
        var runId = startedAt.ToString("MMddHHmmss", CultureInfo.InvariantCulture) + Random.Shared.Next(100, 999);
        void Log(string line) => Console.WriteLine($"  {line}");

        Console.WriteLine($"{scenario.Name}: {scenario.Description}");
        var redisServer = options.Baseline == BaselineKind.Redis ? Baselines.RedisServer.Find(options.RedisServer) : null;
        await using var storage = options.InProcess
            ? options.Storage == "postgres" ? await ScratchStorage.PostgreSqlAsync(options.PostgreSql) : ScratchStorage.Sqlite()
            : null;
        await using var target = await StartTargetAsync(options, storage);
        Console.WriteLine($"target: {target.Describe}");
        var profile = options.Profile();
        // Enough that no side sells out: the platform's side within what its API allows an item, a hand-made baseline's
        // (Redis, SQL: no such limit) all of it, since Redis can sell more than that in a run.
        var comparisonStock = options.Stock is null && options.Baseline is not null
            ? scenario.StockForComparison(HoldsPerSecondAtMost(options, profile), options.DurationSeconds + options.WarmupSeconds)
            : null;
        var stock = options.Stock ?? (comparisonStock is { } wanted ? Math.Min(wanted, SaleValidation.MaxStockPerItem) : null);
        var returning = options.Baseline == BaselineKind.Plain && scenario.HasReturningShoppers ? new ReturningShoppers(SaleRules.MaxPerCustomerLimit) : null;
        var run = new RunContext(target, runId, stock, options.PromoCap, Log)
        {
            Returning = returning, Level = profile.Peak, AdmitPerSecond = options.AdmitPerSecond, RateTimesMax = options.RateTimesMax,
            MaxRate = options.MaxRate, Slo = TimeSpan.FromSeconds(options.SloSeconds), Connections = options.Connections,
        };
        await target.EnsureRegionsAsync(MarketRegion.All);
        await scenario.SetupAsync(run);
        if (options.RateTimesMax is not null)
        {
            // The level is known now: the set-up measured the maximum (or was given it).
            profile = options.Profile(run.Level);
        }
        Console.WriteLine($"set up: {run.Sales.Count} sale(s), {run.Items.Count:N0} item(s), {run.Promos.Count} code(s)" +
                          (stock is { } units && options.Stock is null
                              ? $"; {units:N0} units per item{(comparisonStock > units && options.Baseline is BaselineKind.Sql or BaselineKind.Redis ? $" ({comparisonStock:N0} for the baseline)" : "")}, enough that no side sells out"
                              : "") +
                          (returning is null ? "" : $"; shoppers sign in once and hold up to {returning.HoldsEach} times"));

        var candidate = new Phase("candidate", scenario.KeyStep, scenario.Steps(target.SignInIsARequest), it => scenario.IterateAsync(it, run));
        await using var baseline = options.Baseline is { } kind ? await BaselineFor(kind, options, run, storage, target, redisServer, comparisonStock) : null;
        if (baseline is not null)
        {
            Console.WriteLine($"baseline: {baseline.Description}");
        }
        var progress = new LiveProgress(interactive, options.DurationSeconds * (baseline is null ? 1 : 2));
        using var meters = new RunMeters();
        var drain = TimeSpan.FromSeconds(options.DrainSeconds);
        var runner = new LoadRunner(options.Model, profile, options.MaxInFlight, tick =>
        {
            progress.OnTick(tick);
            meters.OnTick(tick);
            if (options.AbortOnFail && tick.Phase == candidate && options.Thresholds.Where(t => t.JudgedLive).Select(t => t.Evaluate(candidate)).FirstOrDefault(r => !r.Met) is { } missed)
            {
                stop.RequestForThreshold($"threshold {missed.Name} missed ({missed.Detail})");
            }
        }, drain);
        Console.WriteLine($"load: {(options.Model == LoadModel.Open ? "open model" : "closed model")}, {profile.Describe(options.Model == LoadModel.Open ? "/s" : " shoppers")}" +
                          (baseline is null ? "" : $"; alternating with the baseline in {options.Rounds} rounds"));

        if (options.WarmupSeconds > 0 && !stop.Requested)
        {
            // Unmeasured, but real: its orders are acknowledged like any other and checked with them.
            Console.WriteLine($"warming up for {options.WarmupSeconds:0.#} s at a tenth of the load...");
            var warmup = new Phase("warmup", scenario.KeyStep, scenario.Steps(target.SignInIsARequest), it => scenario.IterateAsync(it, run));
            var light = new LoadProfile([new Stage(StageKind.Hold, options.WarmupSeconds, Math.Max(1, profile.Stages[^1].Level / 10))]);
            await new LoadRunner(options.Model, light, options.MaxInFlight, _ => { }, drain).RunSliceAsync(warmup, options.WarmupSeconds, stop.Token);
            Console.WriteLine($"warm-up: {warmup.Ok:N0} answers, {warmup.Failed:N0} failed");
        }
        var (candidateWrites, candidateWritesNote) = CandidateWrites(options, storage);
        using var groupCommits = GroupCommitMeter(target, run);
        using var stockWatch = new CancellationTokenSource();
        var watcher = WatchStockAsync(run, progress, stockWatch.Token);
        await progress.ShowAsync(Task.Run(async () =>
        {
            var rounds = baseline is null ? 1 : options.Rounds;
            for (var round = 0; round < rounds && !stop.Requested; round++)
            {
                await Measured(runner.RunSliceAsync(candidate, options.DurationSeconds / rounds, stop.Token), candidateWrites, groupCommits);
                if (baseline is not null && !stop.Requested)
                {
                    await Measured(runner.RunSliceAsync(baseline.Phase, options.DurationSeconds / rounds, stop.Token), baseline.Writes, null);
                }
            }
        }));
        await stockWatch.CancelAsync();
        await watcher;
        if (stop.Reason is { } reason)
        {
            Console.WriteLine($"stopped early: {reason}; {runner.StillInFlight:N0} request(s) still unanswered after draining");
        }
        else if (runner.StillInFlight > 0)
        {
            Console.WriteLine($"{runner.StillInFlight:N0} request(s) still unanswered after draining for {options.DrainSeconds:0.#} s (--drain): the books are checked as bounds");
        }
        run.Ledger.StillUnanswered(runner.StillInFlight);

        var metrics = await scenario.FinishAsync(run, candidate);
        Console.WriteLine($"checking invariants ({run.Ledger.Count:N0} acknowledged orders)...");
        var invariants = await InvariantChecker.CheckAsync(run, Log);
        if (baseline?.CheckAsync is { } checkBaseline)
        {
            invariants.AddRange(await checkBaseline());
        }
        var figures = new StorageFigures(await groupCommits.ResultAsync(), candidateWrites, candidateWritesNote, baseline?.Writes,
            baseline is null ? null : baseline.Writes is null ? "nothing written (in memory)" : null);
        var report = new RunReport(options, target.Describe, baseline?.Description, profile, candidate, baseline?.Phase, invariants,
            [.. options.Thresholds.Select(t => t.Evaluate(candidate, metrics))], startedAt, clock.Elapsed, figures, stop.Reason, stop.ByThreshold) { Metrics = metrics };
        var folder = options.ReportDir ?? Path.Combine("loadtests", "results", $"{scenario.Name}-{startedAt:yyyyMMdd-HHmmss}");
        var files = ReportWriter.Write(report, folder);

        Print(report);
        Console.WriteLine($"reports: {string.Join(", ", files)}");
        if (candidate.Steps.Values.Any(s => s.Answers.ContainsKey("429 rate-limited")))
        {
            Console.WriteLine("note: the platform refused with 429: start it with --FlashSale:RateLimit:PerAddressPerSecond=0 for a load test from one machine.");
        }
        Console.WriteLine(report.ResultLine());
        return report.ExitCode;
    }

    private static async Task<IShopTarget> StartTargetAsync(RunOptions options, ScratchStorage? storage)
    {
        if (storage is not null)
        {
            Console.WriteLine($"starting a silo in this process on {storage.Describe}...");
            return await GrainTarget.StartAsync(storage);
        }
        var (key, keySource) = await MarketerKeyAsync(options);
        var tokens = options.SigningKey is { } secret ? PlatformTokens.FromSecret(secret)
            : options.DataDir is { } folder ? PlatformTokens.FromDataDirectory(folder)
            : null;
        if (tokens is not null)
        {
            Console.WriteLine("shoppers get tokens made with the platform's signing key, as from a trusted identity provider: no sign-in requests are measured.");
        }
        var connections = options.RateTimesMax is null ? Math.Max(256, (int)Math.Min(4096, options.Profile().Peak * 2)) : 4096;
        var target = new HttpTarget(options.Target!, key, connections, tokens, keySource);
        if (options.Scenario.Steps(true).Any(step => step.Name == "sign-in"))
        {
            await target.CheckSignInAsync();
        }
        return target;
    }

    /// <summary>The marketer key of the platform under test, and where it was found: the option, the environment, the
    /// platform's data folder (--data-dir), or the folder a local <c>dotnet run --project client</c> uses.</summary>
    private static async Task<(string Key, string Source)> MarketerKeyAsync(RunOptions options)
    {
        if (options.ApiKey is { } given)
        {
            return (given, "--api-key");
        }
        foreach (var variable in new[] { "FLASHSALE_MARKETER_KEY", "FlashSale__Auth__MarketerKey" })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                return (value, variable);
            }
        }
        foreach (var file in new[] { options.DataDir is { } folder ? Path.Combine(folder, "marketer.key") : null, "client/data/marketer.key" })
        {
            if (file is not null && File.Exists(file))
            {
                return ((await File.ReadAllTextAsync(file)).Trim(), file);
            }
        }
        throw new UsageException("--target needs the marketer key: --api-key KEY, FLASHSALE_MARKETER_KEY, --data-dir DIR (its marketer.key), or client/data/marketer.key.");
    }

    private static async Task<BaselineRun> BaselineFor(
        BaselineKind kind, RunOptions options, RunContext run, ScratchStorage? storage, IShopTarget target, string? redisServer, int? comparisonStock)
    {
        var scenario = options.Scenario;
        if (kind is BaselineKind.Sql or BaselineKind.Redis)
        {
            var items = run.Items.GroupBy(i => i.Item.Sku).ToDictionary(g => g.Key, g => (Math.Max(comparisonStock ?? 0, g.First().Item.Stock), g.First().Item.PerCustomerLimit));
            PurchaseBaseline purchases = kind == BaselineKind.Sql
                ? await SqlPurchaseBaseline.CreateAsync(storage?.PostgreSql ?? options.PostgreSql, items)
                : await RedisPurchaseBaseline.CreateAsync(redisServer!, items);
            long n = 0;
            var phase = new Phase("baseline", "purchase", [new StepSpec("purchase", "sold-out", "limit-exceeded")], it =>
            {
                // Like the candidate's shoppers: a new customer and a new order id each time.
                var next = Interlocked.Increment(ref n);
                return it.Step("purchase", () => purchases.PurchaseAsync(scenario.BaselineSku(run), $"{run.RunId}-c{next}", $"{run.RunId}-o{next}"));
            });
            return new BaselineRun(phase, purchases.Describe, purchases.CheckAsync, new WriteTally(purchases.Writes), purchases.DisposeAsync);
        }
        var http = (HttpTarget)target;
        var canned = new Dictionary<string, (string, byte[])>();
        foreach (var region in MarketRegion.All)
        {
            canned[$"/api/sales?region={region.Code}"] = await http.GetRawAsync($"/api/sales?region={region.Code}");
            foreach (var sale in run.Sales)
            {
                canned[$"/api/sales/{sale.Id}?region={region.Code}"] = await http.GetRawAsync($"/api/sales/{sale.Id}?region={region.Code}");
            }
        }
        var plain = await PlainEndpoint.StartAsync(canned, run.Items.Sum(i => i.Item.Stock), http.Connections);
        try
        {
            await plain.CheckAndWarmAsync(canned);
        }
        catch
        {
            await plain.DisposeAsync();
            throw;
        }
        var returning = new ReturningShoppers(run.Returning?.HoldsEach ?? SaleRules.MaxPerCustomerLimit);
        var steps = scenario is PriceReadsScenario ? scenario.Steps(false) : [new StepSpec("sign-in"), new StepSpec("hold", "sold-out")];
        var plainPhase = new Phase("baseline", scenario.KeyStep, steps, async it =>
        {
            var region = RunContext.RandomRegion();
            if (scenario is PriceReadsScenario)
            {
                if (Random.Shared.NextDouble() < 0.7)
                {
                    await it.Step("sales-list", () => plain.GetAsync($"/api/sales?region={region}"));
                }
                else
                {
                    await it.Step("sale-page", () => plain.GetAsync($"/api/sales/{run.Sales[Random.Shared.Next(run.Sales.Count)].Id}?region={region}"));
                }
                return;
            }
            // The candidate's shoppers, mirrored: sign in once (a step of its own), then one request per hold.
            var regular = await returning.TakeAsync(async () => (await it.Step<Shopper>("sign-in", () => plain.SignInAsync(run.NextEmail()))).Value);
            if (regular is not null)
            {
                var line = new OrderLine(run.Items[0].SaleId, scenario.BaselineSku(run), 1, region, null);
                await it.Step("hold", () => plain.HoldAsync(regular.Shopper, Guid.NewGuid().ToString("N"), line));
                returning.Return(regular);
            }
        });
        return new BaselineRun(plainPhase, $"plain ASP.NET Core endpoint in a process of its own (pid {plain.Pid}) at {plain.Address} (same JSON for reads; sign-in answers a token; a hold answers 201 " +
            "from an in-memory counter of the same stock, one request per hold)", null, null, plain.DisposeAsync);
    }

    /// <summary>A slice with what is measured around it: the side's storage writes, and the platform's group commits for the candidate.</summary>
    private static async Task Measured(Task slice, WriteTally? writes, IGroupCommitMeter? groupCommits)
    {
        // The slice is already running: read the counters as it starts (a few milliseconds late at most).
        await Task.WhenAll(writes?.BeginAsync() ?? Task.CompletedTask, groupCommits?.BeginAsync() ?? Task.CompletedTask);
        await slice;
        await Task.WhenAll(writes?.EndAsync() ?? Task.CompletedTask, groupCommits?.EndAsync() ?? Task.CompletedTask);
    }

    /// <summary>The most holds per second either side could be asked for: the open model's peak arrivals, or a ceiling for the closed model.</summary>
    private static double HoldsPerSecondAtMost(RunOptions options, LoadProfile profile) =>
        options.Model == LoadModel.Open ? profile.Peak : 100_000;

    private static (WriteTally?, string) CandidateWrites(RunOptions options, ScratchStorage? storage)
    {
        if (storage is not null)
        {
            return (new WriteTally(storage.Writes), "");
        }
        return options.TargetDb is { } db
            ? (new WriteTally(ScratchStorage.WritesOf(db)), "")
            : (null, "not measured: name the platform's database with --target-db (its SQLite file, or postgres)");
    }

    private static IGroupCommitMeter GroupCommitMeter(IShopTarget target, RunContext run) => target switch
    {
        GrainTarget grains => new ListenedGroupCommits(() => grains.GetBatchCountsAsync(run.Sales.Select(s => s.Id))),
        HttpTarget http => new ScrapedGroupCommits(http.GetMetricsTextAsync, () => http.GetMeanBatchAsync(run.Sales.Select(s => s.Id))),
        _ => throw new InvalidOperationException($"No group-commit meter for {target.Describe}."),
    };

    /// <summary>Polls what is left of the scenario's stock for the live display.</summary>
    private static async Task WatchStockAsync(RunContext run, LiveProgress progress, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var stats = await Task.WhenAll(run.Sales.Select(s => run.Target.GetStatsAsync(s.Id)));
                progress.OnStock(stats.SelectMany(s => s).Sum(i => (long)i.Available));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException)
        {
            // The display goes without the stock line; the run itself is unaffected.
        }
    }

    private static void Print(RunReport report)
    {
        var table = new Table().Border(TableBorder.Simple).Title(report.Options.Scenario.Name);
        foreach (var column in new[] { "phase", "step", "ok", "refused", "failed", "answers/s", "p50 ms", "p99 ms", "max ms" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }
        foreach (var phase in report.Baseline is { } b ? new[] { report.Candidate, b } : [report.Candidate])
        {
            foreach (var s in phase.Steps.Values.Where(s => s.Count > 0))
            {
                table.AddRow(phase.Name, s.Spec.Name, $"{s.Ok:N0}", $"{s.Refused:N0}", $"{s.Failed:N0}", $"{s.RatePerSecond:N1}",
                    $"{s.Percentile(50):0.##}", $"{s.Percentile(99):0.##}", $"{s.Percentile(100):0.##}");
            }
        }
        AnsiConsole.Write(table);
        foreach (var (name, value) in report.Figures())
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(name)}:[/] {Markup.Escape(value)}");
        }
        foreach (var m in report.Metrics)
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(m.Name)}:[/] {Markup.Escape(m.Describe())}");
        }
        foreach (var i in report.Invariants)
        {
            AnsiConsole.MarkupLine($"{(i.Holds ? "[green]holds[/]" : "[red bold]BROKEN[/]")} {Markup.Escape($"{i.Name}: {i.Detail}")}");
        }
        foreach (var t in report.Thresholds)
        {
            AnsiConsole.MarkupLine($"{(t.Met ? "[green]met[/]" : "[red bold]MISSED[/]")} {Markup.Escape($"{t.Name}: {t.Detail}")}");
        }
    }
}
