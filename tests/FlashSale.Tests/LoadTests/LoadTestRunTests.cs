using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FlashSale.LoadTests;
using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Scenarios;
using FlashSale.LoadTests.Targets;

namespace FlashSale.Tests.LoadTests;

/// <summary>
/// Short in-process rehearsals (the tool starts its own silo on SQLite) that end the ways CI and people end them:
/// a missed threshold, a broken invariant, Ctrl+C or SIGTERM. Each leaves every report, and a summary.json that
/// matches the schema in the repo.
/// </summary>
[Collection(ProcessHeavyCollection.Name)]
public sealed class LoadTestRunTests
{
    private static readonly string[] Reports = ["report.md", "report.html", "summary.json", "junit.xml", "timeline.csv", "latency.hlog"];

    [Fact]
    public async Task A_missed_step_threshold_exits_2_and_says_so_in_summary_json_and_junit_and_report_draws_the_same_page_again()
    {
        var folder = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        var run = await ToolRun.StartAsync("run", "hot-sku", "--in-process", "--rate=20", "--duration=2s", "--warmup", "0", "--report-dir", folder,
            "--threshold", "hold:p99<0.001ms", "--threshold=hold:error-rate<=0");

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains("MISSED hold:p99<0.001ms: p99 ", run.Output);
        Assert.Contains("met hold:error-rate<=0: 0 failed of ", run.Output);
        Assert.StartsWith("result: hot-sku ok=", run.LastLine);
        var summary = SummarySchema.ValidFile(Path.Combine(folder, "summary.json"));
        Assert.Equal(2, summary.GetProperty("result").GetProperty("exitCode").GetInt32());
        Assert.Equal("missed", summary.GetProperty("result").GetProperty("thresholds").GetString());
        Assert.Equal(run.LastLine, summary.GetProperty("result").GetProperty("line").GetString());
        var thresholds = summary.GetProperty("thresholds").EnumerateArray().ToList();
        Assert.Equal(("hold", "p99", false), (thresholds[0].GetProperty("step").GetString(), thresholds[0].GetProperty("metric").GetString(), thresholds[0].GetProperty("met").GetBoolean()));
        Assert.True(thresholds[0].GetProperty("actual").GetDouble() >= 0.001);
        Assert.True(thresholds[1].GetProperty("met").GetBoolean());
        var hold = Step(summary, "candidate", "hold");
        Assert.True(hold.GetProperty("ok").GetInt64() > 0);
        Assert.Equal(hold.GetProperty("latencyMs").GetProperty("p99").GetDouble(), thresholds[0].GetProperty("actual").GetDouble());

        var junit = XDocument.Load(Path.Combine(folder, "junit.xml"));
        var failed = Assert.Single(junit.Descendants("testcase"), c => c.Element("failure") is not null);
        Assert.Equal("threshold hold:p99<0.001ms", failed.Attribute("name")!.Value);
        Assert.Equal("1", junit.Root!.Attribute("failures")!.Value);

        // report: report.html and junit.xml again from summary.json and timeline.csv alone, the same bytes.
        var page = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        File.Delete(Path.Combine(folder, "report.html"));
        File.Delete(Path.Combine(folder, "junit.xml"));
        var rebuilt = await ToolRun.StartAsync("report", folder);
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Output);
        Assert.Equal(page, await File.ReadAllTextAsync(Path.Combine(folder, "report.html")));
        Assert.Equal(4, Regex.Count(page, "<svg "));
        Assert.True(File.Exists(Path.Combine(folder, "junit.xml")));

        var nothing = await ToolRun.StartAsync("report", Path.Combine(folder, "no-such-run"));
        Assert.Equal(1, nothing.ExitCode);
        Assert.StartsWith("error: report: ", nothing.Output.Trim());
    }

    [Fact]
    public async Task Abort_on_fail_stops_a_long_run_at_the_first_missed_threshold_and_still_reports()
    {
        var folder = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        var run = await ToolRun.StartAsync("run", "hot-sku", "--in-process", "--rate", "20", "--duration", "10m", "--warmup", "0", "--report-dir", folder,
            "--threshold", "hold:p99<0.001ms", "--abort-on-fail");

        Assert.True(run.ExitCode == 2, run.Output);
        var summary = SummarySchema.ValidFile(Path.Combine(folder, "summary.json"));
        Assert.StartsWith("threshold hold:p99<0.001ms missed", summary.GetProperty("stoppedEarly").GetString());
        Assert.True(summary.GetProperty("phases")[0].GetProperty("activeSeconds").GetDouble() < 60, run.Output);
        Assert.Contains(summary.GetProperty("invariants").EnumerateArray(), i => i.GetProperty("name").GetString() == "every acknowledged order present" && i.GetProperty("holds").GetBoolean());
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_during_the_load_stops_arrivals_drains_checks_and_writes_every_report(string signal)
    {
        var folder = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        using var tool = RunningTool.Start(ToolRun.ToolDll, "run", "hot-sku", "--in-process", "--rate", "20", "--duration", "10m", "--warmup", "0", "--report-dir", folder);

        // The first progress line: the candidate's load is running.
        await tool.WaitForLineAsync(line => Regex.IsMatch(line, @"^\[\s*\d+s\] candidate "), TimeSpan.FromMinutes(2));
        await tool.SignalAsync(signal);
        var run = await tool.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 4, run.Output);
        Assert.Contains($"SIG{signal}: stopping arrivals, draining", run.Output);
        Assert.Matches(@"^result: hot-sku ok=[1-9]\d* failed=0 .* invariants=ok$", run.LastLine);
        Assert.All(Reports, file => Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} missing\n{run.Output}"));
        var summary = SummarySchema.ValidFile(Path.Combine(folder, "summary.json"));
        Assert.Equal($"SIG{signal} received", summary.GetProperty("stoppedEarly").GetString());
        Assert.Equal(4, summary.GetProperty("result").GetProperty("exitCode").GetInt32());
        Assert.True(summary.GetProperty("phases")[0].GetProperty("activeSeconds").GetDouble() < 60);
        var markdown = await File.ReadAllTextAsync(Path.Combine(folder, "report.md"));
        Assert.Contains($"| stopped early | SIG{signal} received", markdown);
        Assert.Contains("✅ every acknowledged order present", markdown);
        Assert.Equal(4, Regex.Count(await File.ReadAllTextAsync(Path.Combine(folder, "report.html")), "<svg "));
        Assert.True(File.ReadLines(Path.Combine(folder, "timeline.csv")).Count() > 1);
    }

    [Fact]
    public async Task A_second_Ctrl_C_while_the_run_winds_down_ends_it_at_once_with_exit_code_130()
    {
        var folder = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        using var tool = RunningTool.Start(ToolRun.ToolDll, "run", "hot-sku", "--in-process", "--rate", "20", "--duration", "10m", "--warmup", "0", "--report-dir", folder);
        await tool.WaitForLineAsync(line => Regex.IsMatch(line, @"^\[\s*\d+s\] candidate "), TimeSpan.FromMinutes(2));

        await tool.SignalAsync("INT");
        // The first one is taken: the tool is draining, checking and reporting (and then stops its silo).
        await tool.WaitForLineAsync(line => line.StartsWith("SIGINT: stopping arrivals", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        await tool.SignalAsync("INT");
        var run = await tool.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.True(run.ExitCode == 130, run.Output);
        Assert.Contains("SIGINT again: aborting at once, without reports.", run.Output);
    }

    [Fact]
    public async Task An_acknowledged_order_the_platform_does_not_have_breaks_an_invariant_and_exits_3()
    {
        var folder = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;

        var exit = await LoadTestCli.RunAsync(["run", "phantom-order", "--rate", "10", "--duration", "1s", "--warmup", "0", "--report-dir", folder],
            new PhantomOrder());

        Assert.Equal(3, exit);
        var summary = SummarySchema.ValidFile(Path.Combine(folder, "summary.json"));
        Assert.Equal("broken", summary.GetProperty("result").GetProperty("invariants").GetString());
        Assert.EndsWith("invariants=broken", summary.GetProperty("result").GetProperty("line").GetString());
        var present = Assert.Single(summary.GetProperty("invariants").EnumerateArray(), i => i.GetProperty("name").GetString() == "every acknowledged order present");
        Assert.False(present.GetProperty("holds").GetBoolean());
        Assert.StartsWith("1 of ", present.GetProperty("detail").GetString());
        // The units counted for the item disagree with the phantom too: junit shows one failure per broken invariant.
        var broken = summary.GetProperty("invariants").EnumerateArray().Where(i => !i.GetProperty("holds").GetBoolean()).Select(i => $"invariant {i.GetProperty("name").GetString()}");
        var junit = XDocument.Load(Path.Combine(folder, "junit.xml"));
        Assert.Equal(broken, junit.Descendants("testcase").Where(c => c.Element("failure") is not null).Select(c => c.Attribute("name")!.Value));
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_set_the_runs_metrics_reach_the_collector()
    {
        // A stand-in collector on loopback: takes OTLP/HTTP posts and keeps their bodies.
        var port = FreePorts.Next();
        FreePorts.Release(port);
        using var collector = new HttpListener { Prefixes = { $"http://127.0.0.1:{port}/" } };
        collector.Start();
        var posts = new List<(string Path, byte[] Body)>();
        var receiving = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await collector.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (posts)
                {
                    posts.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
                }
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var run = await ToolRun.StartAsync(ToolRun.ToolDll, TimeSpan.FromMinutes(3),
            ["run", "hot-sku", "--in-process", "--rate", "20", "--duration", "2s", "--warmup", "0", "--report-dir", Directory.CreateTempSubdirectory("flashsale-lt-").FullName],
            new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}", ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf" });
        collector.Stop();
        await receiving;

        Assert.True(run.ExitCode == 0, run.Output);
        // The tool flushes its metrics as it ends, so the last export is in by now.
        lock (posts)
        {
            var metrics = posts.Where(p => p.Path == "/v1/metrics").Select(p => System.Text.Encoding.UTF8.GetString(p.Body)).ToList();
            Assert.True(metrics.Count > 0, $"no OTLP metrics posted; paths: {string.Join(", ", posts.Select(p => p.Path))}\n{run.Output}");
            Assert.Contains(metrics, m => m.Contains("FlashSale.LoadTests") && m.Contains("flashsale.loadtest.answers") && m.Contains("hold") && m.Contains("candidate"));
        }
    }

    private static JsonElement Step(JsonElement summary, string phase, string step) =>
        summary.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("name").GetString() == phase)
            .GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == step);

    /// <summary>Holds for real, and once claims an order the platform never acknowledged: what a lost write would look like.</summary>
    private sealed class PhantomOrder : Scenario
    {
        private int claimed;

        public override string Name => "phantom-order";
        public override string Description => "real holds, and one acknowledged order the platform never placed";

        public override IReadOnlyList<StepSpec> Steps(bool signIn) => AfterSignIn(signIn, new StepSpec("hold", "sold-out"));

        public override async Task SetupAsync(RunContext run)
        {
            await PutProductsAsync(run, [$"PHANTOM-{run.RunId}"], "Phantom", 10m);
            await CreateSaleAsync(run, $"phantom-{run.RunId}", "Phantom", [($"PHANTOM-{run.RunId}", 1_000, 1)], 10m);
        }

        public override async Task IterateAsync(Iteration iteration, RunContext run)
        {
            if (await SignInAsync(iteration, run) is not { } shopper)
            {
                return;
            }
            var (saleId, item) = run.Items[0];
            var line = new OrderLine(saleId, item.Sku, 1, "BR", null);
            if (await HoldAsync(iteration, run, shopper, line) is { } order && Interlocked.Exchange(ref claimed, 1) == 0)
            {
                run.Ledger.Acknowledge(order.OrderId + "-never-placed", shopper, line);
            }
        }
    }
}
