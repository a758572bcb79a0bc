using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Scenarios;

namespace FlashSale.Tests.LoadTests;

/// <summary>
/// The load-test tool's command line as an engineer meets it: help for each command, a version, one clear line and
/// exit code 1 for what it cannot do, durations and thresholds written the way people write them.
/// </summary>
public sealed class LoadTestCliTests
{
    [Fact]
    public async Task Each_command_has_its_own_help_and_the_tool_a_version()
    {
        var run = await ToolRun.StartAsync("run", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("loadtests run <scenario> [OPTIONS]", run.Output);
        foreach (var option in new[] { "--rate <N>", "--duration <TIME>", "--threshold <RULE>", "--abort-on-fail", "--baseline [KIND]", "--report-dir <DIR>", "--target-db <DB>", "--max-in-flight <N>" })
        {
            Assert.Contains(option, run.Output);
        }

        var report = await ToolRun.StartAsync("report", "-h");
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("loadtests report <folder>", report.Output);
        Assert.DoesNotContain("--threshold", report.Output);

        var version = await ToolRun.StartAsync("--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Output.Trim());
    }

    [Theory]
    [InlineData("error: Unknown option 'rat'.", "run", "hot-sku", "--rat", "5")]
    [InlineData("error: --rate: 'fast' must be a number from 0.1 to 1,000,000.", "run", "hot-sku", "--rate=fast")]
    [InlineData("error: --duration: '90x' is not a duration (e.g. 500ms, 20s, 1m30s, 1h; at most a day).", "run", "hot-sku", "--duration", "90x")]
    [InlineData("error: --rate (open model) and --concurrency (closed model) exclude each other.", "run", "hot-sku", "--rate", "10", "--concurrency=5")]
    [InlineData("error: --threshold: 'hold:p42<5ms' names no metric p42 (p50, p90, p95, p99, p99.9, max, error-rate, rate, ok-rate).", "run", "hot-sku", "--threshold", "hold:p42<5ms")]
    [InlineData("error: --threshold: 'hodl:p99<5ms' names no step of hot-sku (sign-in, hold).", "run", "hot-sku", "--threshold=hodl:p99<5ms")]
    [InlineData("error: run: no scenario 'cold-sku' (see 'list').", "run", "cold-sku")]
    [InlineData("error: --report-dir needs a value (see run --help).", "run", "hot-sku", "--report-dir")]
    [InlineData("error: Unknown command 'rehearse'.", "rehearse")]
    public async Task A_bad_command_line_ends_with_exit_code_1_and_one_line_saying_what_is_wrong(string line, params string[] args)
    {
        var run = await ToolRun.StartAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(line, run.Output.Trim());
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("20s", 20)]
    [InlineData("2m", 120)]
    [InlineData("1m30s", 90)]
    [InlineData("1h", 3600)]
    [InlineData("1h2m3s", 3723)]
    [InlineData("1.5s", 1.5)]
    [InlineData("45", 45)]
    public void Durations_read_as_people_write_them(string text, double seconds) =>
        Assert.Equal(seconds, Durations.Parse(text, "--duration"), 9);

    [Theory]
    [InlineData("")]
    [InlineData("ms")]
    [InlineData("1m30")]
    [InlineData("30 s")]
    [InlineData("-5s")]
    [InlineData("0s")]
    [InlineData("25h")]
    [InlineData("1d")]
    public void What_is_not_a_duration_is_refused(string text) =>
        Assert.Throws<UsageException>(() => Durations.Parse(text, "--duration"));

    [Theory]
    [InlineData("hold:p99<50ms", "hold", "p99", "<", 50)]
    [InlineData("hold:p99.9<=0.5s", "hold", "p99.9", "<=", 500)]
    [InlineData("hold:error-rate<0.01", "hold", "error-rate", "<", 0.01)]
    [InlineData("pay:error-rate<1%", "pay", "error-rate", "<", 0.01)]
    [InlineData("sales-list:ok-rate>=500", "sales-list", "ok-rate", ">=", 500)]
    [InlineData("max<2s", "*", "max", "<", 2000)]
    public void A_threshold_names_a_step_a_metric_and_a_limit(string text, string step, string metric, string comparison, double limit)
    {
        var threshold = Threshold.Parse(text);

        Assert.Equal((step, metric, comparison), (threshold.Step, threshold.Metric, threshold.Comparison));
        Assert.Equal(limit, threshold.Limit, 9);
    }

    [Fact]
    public void A_threshold_is_judged_on_its_own_step_only()
    {
        var phase = new Phase("candidate", "hold", [new StepSpec("sign-in"), new StepSpec("hold", "sold-out")], _ => Task.CompletedTask);
        Record(phase, "sign-in", 200, TimeSpan.FromMilliseconds(400));
        for (var i = 0; i < 99; i++)
        {
            Record(phase, "hold", 201, TimeSpan.FromMilliseconds(10));
        }
        Record(phase, "hold", 409, TimeSpan.FromMilliseconds(10), "sold-out");
        Record(phase, "hold", 500, TimeSpan.FromMilliseconds(10), "internal");
        foreach (var step in phase.Steps.Values)
        {
            step.Sample(1, 1, 1, DateTimeOffset.UtcNow);
        }

        // Slow sign-ins do not fail the hold's latency mark; they do fail the whole run's.
        Assert.True(Threshold.Parse("hold:p99<50ms").Evaluate(phase).Met);
        Assert.False(Threshold.Parse("*:max<50ms").Evaluate(phase).Met);
        Assert.False(Threshold.Parse("sign-in:p50<=100ms").Evaluate(phase).Met);
        // One failure in 101 holds (a refusal is not a failure).
        var errors = Threshold.Parse("hold:error-rate<0.01").Evaluate(phase);
        Assert.True(errors.Met, errors.Detail);
        Assert.Equal(1.0 / 101, errors.Actual, 9);
        Assert.False(Threshold.Parse("hold:error-rate<0.5%").Evaluate(phase).Met);
    }

    private static void Record(Phase phase, string step, int status, TimeSpan latency, string? problem = null) =>
        phase.Steps[step].Record((long)(latency.TotalSeconds * System.Diagnostics.Stopwatch.Frequency), new Answer(status, problem));

    [Fact]
    public void Queue_order_counts_a_shopper_let_in_before_one_surely_in_line_a_second_earlier_and_no_one_else()
    {
        var t0 = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var order = new LineOrder();
        // A: placed at 0.1 s, let in at 5 s. B: sent at 1.5 s (after A's place was answered), let in at 3 s: before A.
        order.Admitted(t0, t0.AddSeconds(0.1), t0.AddSeconds(5));
        order.Admitted(t0.AddSeconds(1.5), t0.AddSeconds(1.6), t0.AddSeconds(3));
        // C: sent at 0.9 s, less than a second after A's answer: the front end may have had them in either order.
        order.Admitted(t0.AddSeconds(0.9), t0.AddSeconds(1.0), t0.AddSeconds(4));
        // D: sent at 6 s, let in at 6.5 s, after everyone before it.
        order.Admitted(t0.AddSeconds(6), t0.AddSeconds(6.1), t0.AddSeconds(6.5));

        Assert.Equal(1, order.Violations());
        Assert.Equal(3, order.AdmittedBetween(t0.AddSeconds(3), t0.AddSeconds(5.5)));
        Assert.Equal(1, order.AdmittedBetween(t0.AddSeconds(5), t0.AddSeconds(6.5)));
    }

    [Theory]
    [InlineData("error: --threshold: 'goodput>=0.8' names no metric goodput (p50, p90, p95, p99, p99.9, max, error-rate, rate, ok-rate).", "run", "hot-sku", "--threshold", "goodput>=0.8")]
    [InlineData("error: --rate: '2x' (a multiple of the measured maximum) is for overload; hot-sku takes arrivals a second.", "run", "hot-sku", "--rate", "2x")]
    [InlineData("error: --max-rate goes with --rate Nx (arrivals at N times that maximum).", "run", "overload", "--max-rate", "100")]
    public async Task Overload_figures_and_multiples_of_the_maximum_are_refused_where_they_mean_nothing(string expected, params string[] args)
    {
        var run = await ToolRun.StartAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(expected, run.Output.Trim());
    }
}
