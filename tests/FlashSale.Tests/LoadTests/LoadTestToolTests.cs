using FlashSale.Client.Hosting;
using System.Text.RegularExpressions;
using FlashSale.LoadTests.Invariants;
using FlashSale.LoadTests.Scenarios;
using FlashSale.LoadTests.Targets;

namespace FlashSale.Tests.LoadTests;

/// <summary>
/// The load-test tool as engineers run it before a sale: every scenario for a few seconds at a low rate against a
/// real platform, the invariants checked and the reports written. No throughput is asserted here (CI machines are noisy).
/// </summary>
[Collection(ProcessHeavyCollection.Name)]
public sealed partial class LoadTestToolTests : PlatformTest
{
    [GeneratedRegex(@"^result: (?<scenario>[a-z-]+) ok=(?<ok>\d+) failed=(?<failed>\d+) rps=[\d.]+ p50=[\d.]+ p99=[\d.]+( vs-baseline=(?<ratio>[\d.]+)x)? invariants=(?<invariants>ok|broken)$")]
    private static partial Regex ResultLine();

    [Theory]
    [InlineData("hot-sku")]
    [InlineData("many-skus")]
    [InlineData("promo-stampede")]
    [InlineData("price-reads")]
    [InlineData("sale-day")]
    public async Task Each_scenario_runs_over_HTTP_checks_the_invariants_and_writes_every_report(string scenario)
    {
        var reports = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        // The platform signs shoppers in by mailed code (the default): the tool makes their tokens with its signing key.
        var run = await ToolRun.StartAsync("run", scenario, "--target", Platform.App.Address().ToString(), "--api-key", Platform.MarketerKey,
            "--data-dir", Platform.DataDirectory, "--rate", "15", "--duration", "3s", "--warmup", "0", "--stock", "30", "--promo-cap", "10", "--report-dir", reports);

        Assert.True(run.ExitCode == 0, run.Output);
        var result = ResultLine().Match(run.LastLine);
        Assert.True(result.Success, run.Output);
        Assert.Equal(scenario, result.Groups["scenario"].Value);
        Assert.Equal("ok", result.Groups["invariants"].Value);
        Assert.True(long.Parse(result.Groups["ok"].Value) > 0, run.Output);
        Assert.Equal("0", result.Groups["failed"].Value);
        var html = await File.ReadAllTextAsync(Path.Combine(reports, "report.html"), TestContext.Current.CancellationToken);
        Assert.Equal(4, Regex.Count(html, "<svg "));
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "").Replace(Platform.App.Address().ToString().TrimEnd('/'), ""));
        Assert.Contains("✅ every acknowledged order present", await File.ReadAllTextAsync(Path.Combine(reports, "report.md"), TestContext.Current.CancellationToken));
        Assert.True(File.ReadLines(Path.Combine(reports, "timeline.csv")).Count() > 2);
        Assert.StartsWith("#[Histogram log format version", File.ReadLines(Path.Combine(reports, "latency.hlog")).First());
    }

    [Fact]
    public async Task A_marketer_key_the_platform_refuses_stops_the_tool_with_one_line_saying_where_the_key_came_from()
    {
        var run = await ToolRun.StartAsync("run", "hot-sku", "--target", Platform.App.Address().ToString(), "--api-key", "not-this-platforms-key-123",
            "--data-dir", Platform.DataDirectory, "--rate", "5", "--duration", "1s", "--warmup", "0");

        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains("refused the marketer key from --api-key (401", run.Output);
        Assert.DoesNotContain("Unhandled exception", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public async Task The_overload_scenario_puts_shoppers_past_the_rate_in_line_and_serves_each_on_their_turn()
    {
        var reports = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        var run = await ToolRun.StartAsync("run", "overload", "--target", Platform.App.Address().ToString(), "--api-key", Platform.MarketerKey,
            "--data-dir", Platform.DataDirectory, "--rate", "30", "--admit-per-second", "10", "--duration", "3s", "--warmup", "0", "--stock", "500",
            "--report-dir", reports);

        Assert.True(run.ExitCode == 0, run.Output);
        var summary = SummarySchema.ValidFile(Path.Combine(reports, "summary.json"));
        var steps = summary.GetProperty("phases")[0].GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s);
        long Count(string step, string what) => steps[step].GetProperty(what).GetInt64();
        var arrivals = Count("arrive", "count");
        // Three times the room's rate arrived: most waited their turn, and every one of them got their hold on it.
        Assert.True(Count("turn", "ok") > arrivals / 2, run.Output);
        Assert.Equal(arrivals, Count("arrive", "ok"));
        Assert.Equal(0, Count("turn", "failed"));
        Assert.Contains("✅ every acknowledged order present", await File.ReadAllTextAsync(Path.Combine(reports, "report.md"), TestContext.Current.CancellationToken));
        var held = (await Platform.Marketer.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/admin/sales")).EnumerateArray()
            .Single(s => s.GetProperty("id").GetString()!.StartsWith("lt-over-", StringComparison.Ordinal)).GetProperty("items")[0].GetProperty("held").GetInt32();
        Assert.Equal(arrivals, held);
    }

    [Fact]
    public async Task Shoppers_still_in_line_when_the_drain_ends_make_the_check_use_bounds_instead_of_calling_the_books_broken()
    {
        var reports = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        // 40 arrive a second for 3 s and the room lets 5 a second through: most are still waiting for their turn after a
        // 1 s drain, and their holds land while the books are read.
        var run = await ToolRun.StartAsync("run", "overload", "--target", Platform.App.Address().ToString(), "--api-key", Platform.MarketerKey,
            "--data-dir", Platform.DataDirectory, "--rate", "40", "--admit-per-second", "5", "--duration", "3s", "--drain", "1s", "--warmup", "0",
            "--stock", "500", "--report-dir", reports);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(@"[\d,]+ request\(s\) still unanswered after draining for 1 s \(--drain\): the books are checked as bounds", run.Output);
        var markdown = await File.ReadAllTextAsync(Path.Combine(reports, "report.md"), TestContext.Current.CancellationToken);
        Assert.Contains("✅ acknowledged units counted (paid <= sold, held + paid <= sold + held)", markdown);
        Assert.Contains("✅ no oversell", markdown);
    }

    [Fact]
    public async Task Overload_at_twice_the_maximum_reports_goodput_refusals_and_queue_order_in_the_summary_and_never_oversells()
    {
        var reports = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        // The maximum given (a probe would take the machine's whole CPU for seconds): 15 holds/s, so 30 arrive a second
        // and the room lets 15 through; the threshold on queue order is judged like a step's.
        var run = await ToolRun.StartAsync("run", "overload", "--target", Platform.App.Address().ToString(), "--api-key", Platform.MarketerKey,
            "--data-dir", Platform.DataDirectory, "--rate", "2x", "--max-rate", "15", "--duration", "4s", "--warmup", "0", "--stock", "500",
            "--report-dir", reports, "--threshold", "order-violations<=0", "--threshold", "left-in-line<=0");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("load: open model, hold 4s at 30/s", run.Output);
        var summary = SummarySchema.ValidFile(Path.Combine(reports, "summary.json"));
        var metrics = summary.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value"));
        foreach (var name in new[] { "goodput", "fast-refusal-share", "p99-all-ms", "p99-admitted-ms", "order-violations", "eta-error-p99-ms" })
        {
            Assert.True(metrics.ContainsKey(name), $"no {name} in summary.json: {run.Output}");
        }
        Assert.Equal(15, metrics["max-rate"].GetDouble());
        Assert.Equal(15, metrics["admit-per-second"].GetDouble());
        Assert.Equal(0, metrics["order-violations"].GetDouble());
        // Twice the room's rate arrived: about half the shoppers got a place in line, and it was answered as a first answer.
        Assert.True(metrics["fast-refusal-share"].GetDouble() > 0.2, run.Output);
        Assert.True(metrics["goodput"].GetDouble() > 0, run.Output);
        // The platform's own timing of its order answers (its /metrics), beside what the shoppers saw: at 30 a second most are quick.
        Assert.True(metrics["platform-in-slo-share"].ValueKind == System.Text.Json.JsonValueKind.Number && metrics["platform-in-slo-share"].GetDouble() > 0.5, run.Output);
        Assert.True(metrics["send-lag-p99-ms"].ValueKind == System.Text.Json.JsonValueKind.Number, run.Output);
        Assert.Equal(2, summary.GetProperty("thresholds").EnumerateArray().Count(t => t.GetProperty("met").GetBoolean()));
        var steps = summary.GetProperty("phases")[0].GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s);
        // Every shopper let in holds exactly one unit: the books show as many held as shoppers admitted, and nothing oversold.
        var admitted = steps["admitted"].GetProperty("count").GetInt64();
        Assert.Equal(steps["arrive"].GetProperty("count").GetInt64(), admitted);
        var markdown = await File.ReadAllTextAsync(Path.Combine(reports, "report.md"), TestContext.Current.CancellationToken);
        Assert.Contains("✅ no oversell", markdown);
        Assert.Contains("| order-violations | 0 |", markdown);
        var held = (await Platform.Marketer.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/admin/sales")).EnumerateArray()
            .Single(s => s.GetProperty("id").GetString()!.StartsWith("lt-over-", StringComparison.Ordinal)).GetProperty("items")[0].GetProperty("held").GetInt32();
        Assert.Equal(admitted, held);
    }

    [Fact]
    public async Task A_threshold_on_an_overload_figure_that_is_missed_fails_the_run()
    {
        var reports = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        var run = await ToolRun.StartAsync("run", "overload", "--target", Platform.App.Address().ToString(), "--api-key", Platform.MarketerKey,
            "--data-dir", Platform.DataDirectory, "--rate", "2x", "--max-rate", "10", "--duration", "2s", "--warmup", "0", "--stock", "100",
            "--report-dir", reports, "--threshold", "goodput>=5");

        // Goodput is a share of the maximum: five times the maximum cannot be let through a room admitting the maximum.
        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains("MISSED goodput>=5", run.Output);
    }

    [Fact]
    public async Task The_READMEs_custom_scenario_runs_against_a_platform_with_every_step_measured()
    {
        // README shows this very file: the test runs what a reader copies.
        var example = await File.ReadAllTextAsync(Path.Combine(ToolRun.RepoRoot(), "loadtests", "Examples", "BrowseQuoteHoldPay.cs"), TestContext.Current.CancellationToken);
        var readme = await File.ReadAllTextAsync(Path.Combine(ToolRun.RepoRoot(), "README.md"), TestContext.Current.CancellationToken);
        Assert.Contains("```csharp\n" + example.TrimEnd() + "\n```", readme);

        var reports = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        var run = await ToolRun.StartAsync(ToolRun.ExampleDll, TimeSpan.FromMinutes(3), ["run", "browse-quote-hold-pay", "--target", Platform.App.Address().ToString(),
            "--api-key", Platform.MarketerKey, "--data-dir", Platform.DataDirectory, "--rate=10", "--duration=3s", "--warmup", "0", "--report-dir", reports,
            "--threshold", "pay:error-rate<=0"]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(@"^result: browse-quote-hold-pay ok=[1-9]\d* failed=0 .* invariants=ok$", run.LastLine);
        var summary = SummarySchema.ValidFile(Path.Combine(reports, "summary.json"));
        var steps = summary.GetProperty("phases")[0].GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s);
        // Shoppers get tokens made with the platform's key (it signs in by mailed code), so sign-in is no request here.
        Assert.Equal(["browse", "quote", "hold", "pay"], steps.Keys);
        long Count(string step, string what = "count") => steps[step].GetProperty(what).GetInt64();
        // Every shopper browses both sales, quotes with the code, holds; every acknowledged hold is paid.
        Assert.True(Count("hold", "ok") > 0, run.Output);
        Assert.Equal(2 * Count("quote"), Count("browse"));
        Assert.Equal(Count("quote"), Count("hold"));
        Assert.Equal(Count("hold", "ok"), Count("pay", "ok"));
        var markdown = await File.ReadAllTextAsync(Path.Combine(reports, "report.md"), TestContext.Current.CancellationToken);
        Assert.Matches(@"✅ code EX-\d+: redeemed \+ held <= cap", markdown);
        Assert.Contains("✅ acknowledged orders in their acknowledged state", markdown);
    }

    [Fact]
    public async Task A_tiny_stock_sells_out_without_oversell_and_refusals_are_not_failures()
    {
        var reports = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        var run = await ToolRun.StartAsync("run", "hot-sku", "--target", Platform.App.Address().ToString(), "--api-key", Platform.MarketerKey,
            "--data-dir", Platform.DataDirectory, "--rate", "40", "--duration", "2s", "--warmup", "0", "--stock", "7", "--report-dir", reports, "--max-error-rate", "0");

        Assert.True(run.ExitCode == 0, run.Output);
        var markdown = await File.ReadAllTextAsync(Path.Combine(reports, "report.md"), TestContext.Current.CancellationToken);
        Assert.Contains("| candidate | hold | 201 | 7 |", markdown);
        Assert.Contains("409 sold-out", markdown);
        Assert.Contains("✅ no oversell (sold + held <= stock): 1 of 1 items sold out", markdown);
        // Every answer was definite (no errors allowed), so the books must equal what the shoppers were told.
        Assert.Contains("✅ acknowledged units are the books (paid == sold, held == held)", markdown);
    }

    [Fact]
    public async Task In_process_on_PostgreSQL_with_the_baseline_reports_a_ratio_and_the_baselines_books_balance()
    {
        var reports = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        var run = await ToolRun.StartAsync("run", "hot-sku", "--in-process", "--storage", "postgres", "--concurrency", "8", "--duration", "2s",
            "--warmup", "0", "--baseline", "--report-dir", reports);

        Assert.True(run.ExitCode == 0, run.Output);
        var result = ResultLine().Match(run.LastLine);
        Assert.True(result.Success && result.Groups["ratio"].Success, run.Output);
        Assert.True(double.Parse(result.Groups["ratio"].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("holds baseline: no oversell (left >= 0, left + ordered == stock)", run.Output);
        Assert.Contains("holds baseline: every acknowledged order present", run.Output);
        var markdown = await File.ReadAllTextAsync(Path.Combine(reports, "report.md"), TestContext.Current.CancellationToken);
        // Both sides write to PostgreSQL: the WAL's advance over each side's acknowledged holds.
        Assert.Matches(@"\| bytes written per hold, candidate \| [\d,]+ B \(PostgreSQL WAL", markdown);
        Assert.Matches(@"\| bytes written per hold, baseline \| [\d,]+ B \(PostgreSQL WAL", markdown);
    }

    [Fact]
    public async Task The_redis_baseline_sells_a_tiny_stock_exactly_keeps_its_books_and_cleans_up()
    {
        var before = RedisFolders();
        var reports = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        var run = await ToolRun.StartAsync("run", "hot-sku", "--in-process", "--concurrency", "8", "--duration", "2s", "--warmup", "0",
            "--stock", "25", "--baseline", "redis", "--report-dir", reports);

        Assert.True(run.ExitCode == 0, run.Output);
        var result = ResultLine().Match(run.LastLine);
        Assert.True(result.Success && result.Groups["ratio"].Success, run.Output);
        Assert.Equal("ok", result.Groups["invariants"].Value);
        var markdown = await File.ReadAllTextAsync(Path.Combine(reports, "report.md"), TestContext.Current.CancellationToken);
        Assert.Contains("Redis + Lua guarded decrement", markdown);
        Assert.Matches(@"\*\*hold: [\d,]+/s against the baseline's [\d,]+/s = [\d.]+x\.\*\*", markdown);
        // Exactly the stock sold, every acknowledged order in the hash, nobody over the limit of 1.
        Assert.Contains("| baseline | purchase | 201 | 25 |", markdown);
        Assert.Contains("✅ baseline: no oversell (left >= 0, left + ordered == stock): 1 item(s), 25 units ordered, 0 left", markdown);
        Assert.Contains("✅ baseline: every acknowledged order present: 25 of 25 found", markdown);
        Assert.Contains("✅ baseline: per-customer limit", markdown);
        Assert.Matches(@"\| bytes written per hold, baseline \| [\d,]+ B \(Redis append-only file", markdown);
        // Its redis-server was stopped and its folder removed.
        Assert.Empty(RedisFolders().Except(before));

        var missing = await ToolRun.StartAsync("run", "hot-sku", "--in-process", "--duration", "1s", "--baseline", "redis", "--redis-server", "/nowhere/redis-server");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("error: --redis-server: '/nowhere/redis-server' does not exist.", missing.Output);
    }

    [Fact]
    public async Task The_SQL_baseline_serves_a_thousand_concurrent_buyers_without_a_failed_request()
    {
        var reports = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        var run = await ToolRun.StartAsync("run", "hot-sku", "--in-process", "--concurrency", "1000", "--duration", "4s", "--warmup", "0",
            "--baseline", "sql", "--report-dir", reports);

        Assert.True(run.ExitCode == 0, run.Output);
        var markdown = await File.ReadAllTextAsync(Path.Combine(reports, "report.md"), TestContext.Current.CancellationToken);
        var row = Regex.Match(markdown, @"^\| baseline \| purchase \| (?<ok>[\d,]+) \| (?<refused>[\d,]+) \| (?<failed>[\d,]+) \|", RegexOptions.Multiline);
        Assert.True(row.Success, markdown);
        Assert.True(long.Parse(row.Groups["ok"].Value.Replace(",", "")) > 0, markdown);
        Assert.Equal("0", row.Groups["failed"].Value);
        Assert.DoesNotContain("Npgsql", markdown);
        Assert.Contains("✅ baseline: every acknowledged order present", markdown);
    }

    [Fact]
    public async Task Compared_with_a_plain_endpoint_both_sides_sign_in_once_and_hold_many_times_without_selling_out()
    {
        // Sign-in measured as a request of its own on both sides: a platform with open sign-in (as in a rehearsal).
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var open = await Platform.StartAsync(store, "--FlashSale:Auth:ShopperSignIn=Open");
        var reports = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        var run = await ToolRun.StartAsync("run", "hot-sku", "--target", open.App.Address().ToString(), "--api-key", Platform.MarketerKey,
            "--rate", "40", "--duration", "4s", "--warmup", "0", "--baseline", "plain", "--report-dir", reports);

        Assert.True(run.ExitCode == 0, run.Output);
        var result = ResultLine().Match(run.LastLine);
        Assert.True(result.Success && result.Groups["ratio"].Success, run.Output);
        var markdown = await File.ReadAllTextAsync(Path.Combine(reports, "report.md"), TestContext.Current.CancellationToken);
        foreach (var side in new[] { "candidate", "baseline" })
        {
            var signIns = Ok(markdown, side, "sign-in");
            var holds = Ok(markdown, side, "hold");
            // Sessions are reused: a few sign-ins, many holds, each hold one request; stock enough that nobody sells out.
            Assert.True(holds > 0 && signIns > 0 && signIns * 2 < holds, $"{side}: {signIns} sign-ins, {holds} holds\n{markdown}");
            Assert.DoesNotContain($"| {side} | hold | 409 sold-out |", markdown);
            Assert.DoesNotContain($"| {side} | hold | 409 limit-exceeded |", markdown);
        }
        Assert.Matches(@"\*\*hold: [\d,]+/s against the baseline's [\d,]+/s = [\d.]+x\.\*\*", markdown);
        Assert.Contains("✅ every acknowledged order present", markdown);
        // Group commits seen through the platform's /metrics; the plain endpoint writes nothing.
        Assert.Matches(@"\| group commit \(requests per write\) \| [\d,]+ writes, mean [\d.]+ requests per write, p50 <= [\d.]+, p99 <= [\d.]+ \(the platform's /metrics histogram\) \|", markdown);
        Assert.Contains("| bytes written per hold, baseline | nothing written (in memory) |", markdown);
    }

    [Fact]
    public async Task Storefront_reads_are_compared_with_a_plain_endpoint_in_a_process_of_its_own_that_is_gone_after_the_run()
    {
        var reports = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        using var tool = RunningTool.Start(ToolRun.ToolDll, "run", "price-reads", "--target", Platform.App.Address().ToString(), "--api-key", Platform.MarketerKey,
            "--concurrency", "4", "--duration", "2s", "--warmup", "0", "--baseline", "--report-dir", reports);

        var announced = await tool.WaitForLineAsync(line => line.StartsWith("baseline: ", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var pid = PlainPid().Match(announced) is { Success: true } m ? int.Parse(m.Groups["pid"].Value) : throw new Xunit.Sdk.XunitException(announced);
        // Another process than the tool, started by it (not the platform's, not a leftover).
        Assert.NotEqual(tool.Id, pid);
        Assert.Equal(tool.Id, ParentOf(pid));
        var run = await tool.WaitForExitAsync(TimeSpan.FromMinutes(3));

        Assert.True(run.ExitCode == 0, run.Output);
        var result = ResultLine().Match(run.LastLine);
        Assert.True(result.Success && result.Groups["ratio"].Success, run.Output);
        var summary = SummarySchema.ValidFile(Path.Combine(reports, "summary.json"));
        Assert.Contains($"in a process of its own (pid {pid})", summary.GetProperty("baseline").GetString());
        var markdown = await File.ReadAllTextAsync(Path.Combine(reports, "report.md"), TestContext.Current.CancellationToken);
        Assert.True(Ok(markdown, "baseline", "sales-list") > 0, markdown);
        Assert.DoesNotContain("| baseline | sales-list | 404", markdown);
        Assert.False(IsRunning(pid), $"the plain endpoint (pid {pid}) outlived the run");
    }

    [Fact]
    public async Task The_plain_endpoint_ends_with_the_tool_even_when_the_tool_is_killed()
    {
        using var tool = RunningTool.Start(ToolRun.ToolDll, "run", "price-reads", "--target", Platform.App.Address().ToString(), "--api-key", Platform.MarketerKey,
            "--concurrency", "2", "--duration", "60s", "--warmup", "0", "--baseline", "--report-dir", Directory.CreateTempSubdirectory("flashsale-lt-").FullName);
        var announced = await tool.WaitForLineAsync(line => line.StartsWith("baseline: ", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var pid = int.Parse(PlainPid().Match(announced).Groups["pid"].Value);
        Assert.True(IsRunning(pid));

        await tool.SignalAsync("KILL");
        await tool.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // No reports, no clean-up code ran: the endpoint ends because its standard input closed with the tool.
        await Eventually.TrueAsync(() => Task.FromResult(!IsRunning(pid)), $"the plain endpoint (pid {pid}) ends", TimeSpan.FromSeconds(30));
    }

    [GeneratedRegex(@"in a process of its own \(pid (?<pid>\d+)\)")]
    private static partial Regex PlainPid();

    /// <summary>The parent process of a live process (Linux /proc), 0 when it is gone.</summary>
    private static int ParentOf(int pid) => Stat(pid) is { } fields ? int.Parse(fields[1]) : 0;

    /// <summary>Alive: there, and neither a zombie nor dead (an orphan that ended waits as a zombie until reaped).</summary>
    private static bool IsRunning(int pid) => Stat(pid) is { } fields && fields[0] is not ("Z" or "X");

    /// <summary>/proc/pid/stat after the name: state, ppid, ...; null when there is no such process.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // pid (comm) state ppid ...: the name may hold spaces, so count from its closing parenthesis.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [Fact]
    public async Task Every_report_shows_the_batch_size_the_bytes_per_hold_and_each_rounds_decay()
    {
        var reports = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        var run = await ToolRun.StartAsync("run", "hot-sku", "--in-process", "--concurrency", "16", "--duration", "4s", "--warmup", "0", "--report-dir", reports);

        Assert.True(run.ExitCode == 0, run.Output);
        var markdown = await File.ReadAllTextAsync(Path.Combine(reports, "report.md"), TestContext.Current.CancellationToken);
        Assert.Matches(@"\| group commit \(requests per write\) \| [\d,]+ writes, mean [\d.]+ requests per write, p50 [\d.]+, p99 [\d.]+ \(every write, from the silo's meter\) \|", markdown);
        Assert.Matches(@"\| bytes written per hold, candidate \| [\d,]+ B \(SQLite file \+ -wal growth: [\d,]+ B for [\d,]+ acknowledged holds\) \|", markdown);
        Assert.Matches(@"\| decay, candidate hold ok/s \| round 1: [\d,]+/s in the first [\d.]+ s, [\d,]+/s in the last [\d.]+ s \([\d.]+x\) \|", markdown);
        var html = await File.ReadAllTextAsync(Path.Combine(reports, "report.html"), TestContext.Current.CancellationToken);
        Assert.Contains("<h2>Storage and steadiness</h2>", html);
        Assert.Contains("group commit (requests per write): ", run.Output);
        Assert.Contains("decay, candidate hold ok/s: round 1: ", run.Output);
    }

    private static long Ok(string markdown, string phase, string step)
    {
        var row = Regex.Match(markdown, $@"^\| {phase} \| {step} \| (?<ok>[\d,]+) \|", RegexOptions.Multiline);
        return row.Success ? long.Parse(row.Groups["ok"].Value.Replace(",", "")) : 0;
    }

    private static HashSet<string> RedisFolders() => [.. Directory.EnumerateDirectories(Path.GetTempPath(), "flashsale-redis-*")];

    [Fact]
    public async Task A_missed_threshold_sets_exit_code_2_and_a_bad_option_exit_code_1()
    {
        var missed = await ToolRun.StartAsync("run", "price-reads", "--target", Platform.App.Address().ToString(), "--api-key", Platform.MarketerKey,
            "--rate", "10", "--duration", "1s", "--warmup", "0", "--min-rate", "100000", "--report-dir", Directory.CreateTempSubdirectory("flashsale-lt-").FullName);
        Assert.True(missed.ExitCode == 2, missed.Output);
        Assert.Contains("MISSED sales-list >= 100,000/s", missed.Output);

        var bad = await ToolRun.StartAsync("run", "hot-sku", "--rate", "10", "--concurrency", "5");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--rate (open model) and --concurrency (closed model) exclude each other", bad.Output);

        var noKey = await ToolRun.StartAsync("run", "hot-sku", "--target", Platform.App.Address().ToString(), "--api-key", Platform.MarketerKey,
            "--rate", "10", "--duration", "1s", "--warmup", "0", "--report-dir", Directory.CreateTempSubdirectory("flashsale-lt-").FullName);
        Assert.Equal(1, noKey.ExitCode);
        Assert.Contains("the platform signs shoppers in by a mailed code: give the tool its signing key", noKey.Output);
    }

    [Fact]
    public async Task The_invariant_check_catches_an_acknowledged_order_the_platform_does_not_have()
    {
        await using var target = new HttpTarget(Platform.App.Address(), Platform.MarketerKey, 8, Platform.Tokens);
        var run = new RunContext(target, "check", 10, null, _ => { });
        await target.EnsureRegionsAsync(MarketRegion.All);
        await new HotSkuScenario().SetupAsync(run);
        var (_, shopper) = await target.SignInAsync("ana@example.com");
        var line = new OrderLine(run.Sales[0].Id, run.Items[0].Item.Sku, 1, "BR", null);
        var (answer, orderId) = await target.PlaceOrderAsync(shopper!, "k-1", line);
        Assert.Equal(201, answer.Status);
        run.Ledger.Acknowledge(orderId!, shopper!, line);
        run.Ledger.Acknowledge(orderId!.Replace(orderId[^4..], "zzzz"), shopper!, line);

        var results = await InvariantChecker.CheckAsync(run, _ => { });

        var present = Assert.Single(results, r => r.Name == "every acknowledged order present");
        Assert.False(present.Holds);
        Assert.StartsWith("1 of 2 missing", present.Detail);
        // The checks of the books still hold (the missing order was never placed, so it is not in the stats either).
        Assert.True(Assert.Single(results, r => r.Name.StartsWith("no oversell", StringComparison.Ordinal)).Holds);
        Assert.True(Assert.Single(results, r => r.Name.StartsWith("units allocated", StringComparison.Ordinal)).Holds);
    }
}
