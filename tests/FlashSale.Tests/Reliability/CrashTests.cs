using FlashSale.LoadTests.Targets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace FlashSale.Tests.Reliability;

/// <summary>
/// Real processes killed with SIGKILL mid-burst: the embedded standalone default, and a three-silo cluster on PostgreSQL
/// whose busiest silo dies at about half sold. Clients retry unknown outcomes with the same key. After it all: every
/// acknowledged order is there, one order per key, sold + held + available == stock, and held equals the orders that exist.
/// </summary>
[Collection(ProcessHeavyCollection.Name)]
public sealed class CrashTests
{
    /// <summary>Seeds per run: CI runs one, the long tier (tests/long.sh) sets FLASHSALE_FAULT_SEEDS.</summary>
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, int.TryParse(Environment.GetEnvironmentVariable("FLASHSALE_FAULT_SEEDS"), out var n) ? n : 1)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task The_standalone_platform_killed_mid_burst_loses_no_acknowledged_order(int seed)
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        var port = FreePorts.Next();
        var url = new Uri($"http://127.0.0.1:{port}");
        string[] Args() => [.. Platform.HostArgs(store, url.ToString())];
        var first = PlatformProcess.Start("client", Args());
        await first.WaitReadyAsync(url);
        await SetUpAsync(url, stock: 300);

        var burst = new Burst(url, "crash-sale", "HOT-1", PlatformTokens.FromDataDirectory(store.DataDirectory));
        PlatformProcess? second = null;
        var killed = 0;
        await burst.RunAsync(buyers: 900, concurrency: 48, seed, async acknowledged =>
        {
            if (acknowledged >= 100 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                first.KillHard();
                second = PlatformProcess.Start("client", Args());
                await second.WaitReadyAsync(url);
            }
        });
        await using var restarted = second!;

        await AssertBooksBalanceAsync(url, burst, stock: 300, seed, "standalone");
    }

    /// <summary>
    /// Snapshots every third journal append, so the platform killed at a random point (chosen by the seed) comes back
    /// from a snapshot plus the journal entries after it; a kill may land while a snapshot is being stored.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task The_platform_killed_at_a_random_point_comes_back_from_snapshot_and_journal_with_every_order(int seed)
    {
        await using var store = await Store.CreateAsync(Backend.PostgreSql);
        var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        string[] Args() => [.. Platform.HostArgs(store, url.ToString()), "--FlashSale:Journal:SnapshotEvery=3"];
        var first = PlatformProcess.Start("client", Args());
        await first.WaitReadyAsync(url);
        await SetUpAsync(url, stock: 400);

        var killAt = new Random(seed).Next(40, 320);
        var burst = new Burst(url, "crash-sale", "HOT-1", PlatformTokens.FromDataDirectory(store.DataDirectory));
        PlatformProcess? second = null;
        var killed = 0;
        await burst.RunAsync(buyers: 1_000, concurrency: 48, seed, async acknowledged =>
        {
            if (acknowledged >= killAt && Interlocked.Exchange(ref killed, 1) == 0)
            {
                first.KillHard();
                second = PlatformProcess.Start("client", Args());
                await second.WaitReadyAsync(url);
            }
        });
        await using var restarted = second!;

        Assert.True(await store.ScalarAsync("SELECT count(*) FROM fs_snapshot") > 0, "the shards stored snapshots");
        Assert.Equal(0, await store.ScalarAsync("SELECT count(*) FROM fs_journal WHERE seq = 1"));
        await AssertBooksBalanceAsync(url, burst, stock: 400, seed, $"snapshots every 3 appends, killed at {killAt} acknowledged");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_cluster_whose_busiest_silo_is_killed_at_half_sold_loses_no_acknowledged_order(int seed)
    {
        await using var store = await Store.CreateAsync(Backend.PostgreSql);
        await using var cluster = await ProcessCluster.StartAsync(store, silos: 3);
        var url = cluster.FrontEnds[0];
        await SetUpAsync(url, stock: 1_000);
        using var observer = await SiloHost.StartClientAsync(store, ProcessCluster.ClusterArgs);
        var management = observer.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);

        var burst = new Burst(url, "crash-sale", "HOT-1", ProcessCluster.Tokens);
        var killed = 0;
        var victim = "";
        await burst.RunAsync(buyers: 5_000, concurrency: 128, seed, async acknowledged =>
        {
            if (acknowledged >= 500 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                // The silo holding most of the hot item's stock shards goes, with no warning.
                var shards = (await management.GetDetailedGrainStatistics())
                    .Where(g => g.GrainId.ToString().Contains("crash-sale/HOT-1", StringComparison.Ordinal))
                    .GroupBy(g => g.SiloAddress.Endpoint.Port).OrderByDescending(g => g.Count()).First();
                victim = $"silo :{shards.Key} with {shards.Count()} of the item's shards";
                cluster.KillSilo(shards.Key);
            }
        });
        Assert.Equal(1, killed);
        await AssertBooksBalanceAsync(url, burst, stock: 1_000, seed, $"cluster, killed {victim}");
    }

    /// <summary>
    /// PostgreSQL restarted with "-m immediate" (a crash, no checkpoint) under a platform mid-burst. It runs in the
    /// process-heavy collection, alone: no other test is using the database while it goes away.
    /// </summary>
    [Fact]
    public async Task PostgreSQL_crashing_mid_burst_loses_no_acknowledged_order()
    {
        await using var store = await Store.CreateAsync(Backend.PostgreSql);
        var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        await using var platform = PlatformProcess.Start("client", [.. Platform.HostArgs(store, url.ToString())]);
        await platform.WaitReadyAsync(url);
        await SetUpAsync(url, stock: 500);

        var burst = new Burst(url, "crash-sale", "HOT-1", PlatformTokens.FromDataDirectory(store.DataDirectory));
        var restarted = 0;
        await burst.RunAsync(buyers: 1_500, concurrency: 64, seed: 7, async acknowledged =>
        {
            if (acknowledged >= 200 && Interlocked.Exchange(ref restarted, 1) == 0)
            {
                await PostgresServer.StopImmediatelyAsync();
                await PostgresServer.StartAsync();
            }
        });
        await AssertBooksBalanceAsync(url, burst, stock: 500, seed: 7, "PostgreSQL crashed (-m immediate) and restarted");
    }

    /// <summary>
    /// A power cut: both silos, the front end and PostgreSQL die together mid-burst (kill -9, "-m immediate"), then
    /// everything starts again on the same ports and the buyers carry on. Every acknowledged order is there.
    /// </summary>
    [Fact]
    public async Task Everything_killed_at_once_and_restarted_loses_no_acknowledged_order()
    {
        await using var store = await Store.CreateAsync(Backend.PostgreSql);
        await using var cluster = await ProcessCluster.StartAsync(store, silos: 2);
        var url = cluster.FrontEnds[0];
        await SetUpAsync(url, stock: 600);

        var burst = new Burst(url, "crash-sale", "HOT-1", ProcessCluster.Tokens);
        var killed = 0;
        await burst.RunAsync(buyers: 1_800, concurrency: 64, seed: 11, async acknowledged =>
        {
            if (acknowledged >= 250 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                cluster.KillAll();
                await PostgresServer.StopImmediatelyAsync();
                await PostgresServer.StartAsync();
                await cluster.StartAllAsync();
            }
        });
        Assert.Equal(1, killed);
        await AssertBooksBalanceAsync(url, burst, stock: 600, seed: 11, "everything (2 silos, front end, PostgreSQL) killed at once");
    }

    private static async Task SetUpAsync(Uri url, int stock)
    {
        using var marketer = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        marketer.DefaultRequestHeaders.Add("X-Api-Key", Platform.MarketerKey);
        await TestShop.AddRegionsAsync(marketer);
        await TestShop.AddProductAsync(marketer, "HOT-1");
        var now = DateTimeOffset.UtcNow;
        (await marketer.PostAsJsonAsync("/api/admin/sales", new
        {
            id = "crash-sale", name = "Crash sale", startsAt = now.AddSeconds(-1), endsAt = now.AddHours(2), regions = new[] { "BR" }, holdMinutes = 60,
            items = new[] { new { sku = "HOT-1", stock, perCustomerLimit = 1, salePrices = new { BR = 99.90m } } },
        })).EnsureSuccessStatusCode();
    }

    private static async Task AssertBooksBalanceAsync(Uri url, Burst burst, int stock, int seed, string what)
    {
        using var marketer = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        marketer.DefaultRequestHeaders.Add("X-Api-Key", Platform.MarketerKey);
        var missing = await burst.MissingAsync();
        (int Sold, int Held, int Available) item = default;
        // The stats are recounted a few times a second: wait until they count the orders that exist.
        await Eventually.TrueAsync(async () =>
        {
            var stats = await marketer.GetFromJsonAsync<JsonObject>("/api/admin/sales/crash-sale/stats");
            var i = stats!["items"]![0]!;
            item = (i["sold"]!.GetValue<int>(), i["held"]!.GetValue<int>(), i["available"]!.GetValue<int>());
            return item.Held == burst.AllOrders.Count;
        }, $"the stats count all {burst.AllOrders.Count} orders");
        await Books.AssertStockAccountedForAsync(marketer, "crash-sale");
        Report(what, seed, burst, item);

        Assert.Empty(missing);
        Assert.Equal(burst.AllOrders.Count, burst.AllOrders.Values.Distinct().Count());
        Assert.Equal(stock, item.Sold + item.Held + item.Available);
        Assert.Equal(burst.AllOrders.Count, item.Held);
        Assert.Equal(stock, burst.AllOrders.Count);
    }

    /// <summary>The figures of the run, for the long tier's report and the test log.</summary>
    private static void Report(string what, int seed, Burst burst, (int Sold, int Held, int Available) item) =>
        ReliabilityLog.Write($"{what} seed {seed}: ok {burst.Acknowledged.Count}, sold-out {burst.SoldOut}, unknown-then-retried {burst.Unknown} " +
                             $"({burst.Retries} retries), served again after {burst.Outage.TotalSeconds:0.0} s; stats held {item.Held}, available {item.Available}");
}
