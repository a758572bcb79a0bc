namespace FlashSale.Tests.Reliability;

/// <summary>
/// Long tier (tests/long.sh sets FLASHSALE_LONG_TIER=1): the load-test tool's sale day, over HTTP, against three silo
/// processes while one silo after another is killed -9 and started again. The tool checks the books at the end.
/// </summary>
[Collection(ProcessHeavyCollection.Name)]
public sealed class SoakTests
{
    [Fact]
    public async Task A_sale_day_with_silos_killed_and_restarted_keeps_the_books()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("FLASHSALE_LONG_TIER") == "1", "long tier: run tests/long.sh");
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("FLASHSALE_SOAK_SECONDS"), out var s) ? s : 90;
        await using var store = await Store.CreateAsync(Backend.PostgreSql);
        await using var cluster = await ProcessCluster.StartAsync(store, silos: 3);
        var report = Path.Combine(ToolRun.RepoRoot(), "TestResults", "churn-soak");

        var tool = ToolRun.StartAsync(TimeSpan.FromSeconds(seconds + 180),
            "run", "sale-day", "--target", cluster.FrontEnds[0].ToString(), "--api-key", Platform.MarketerKey,
            "--rate", "40", "--duration", $"{seconds}s", "--report-dir", report);
        // Churn: every 20 s the next silo dies without warning and is started again at once.
        var churned = 0;
        for (var next = 0; ; next = (next + 1) % cluster.SiloPorts.Count)
        {
            if (await Task.WhenAny(tool, Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)) == tool)
            {
                break;
            }
            var port = cluster.SiloPorts[next];
            cluster.KillSilo(port);
            churned++;
            await cluster.RestartSiloAsync(port);
        }
        var run = await tool;

        ReliabilityLog.Write($"churn soak {seconds} s, {churned} silo kills: {run.LastLine}");
        Assert.True(churned >= 2, $"silos were killed during the run ({churned})");
        Assert.True(run.ExitCode is 0 or 2, $"the tool found the books broken (exit {run.ExitCode}):\n{run.Output[^Math.Min(4000, run.Output.Length)..]}");
    }
}
