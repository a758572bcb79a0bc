using FlashSale.LoadTests.Targets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace FlashSale.Tests.Reliability;

/// <summary>
/// Real processes killed with SIGKILL mid-burst: the embedded standalone default, and a three-silo cluster on PostgreSQL
/// whose busiest silo dies at about half sold. Clients retry unknown outcomes with the same key. After it all: every
/// acknowledged order is there in the state its buyer was told (a quarter pay, a quarter cancel), each buyer's list holds
/// exactly the order it was told of, sold and held equal the units buyers were told are paid and held, within the stock,
/// and the units allocated to the shards (plus any in transfer) are the stock.
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

        var burst = new Burst(url, "crash-sale", "HOT-1", PlatformTokens.FromDataDirectory(store.DataDirectory)) { SettleFor = PayOrCancel };
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
        var burst = new Burst(url, "crash-sale", "HOT-1", PlatformTokens.FromDataDirectory(store.DataDirectory)) { SettleFor = PayOrCancel };
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

        var burst = new Burst(url, "crash-sale", "HOT-1", ProcessCluster.Tokens) { SettleFor = PayOrCancel };
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

        var burst = new Burst(url, "crash-sale", "HOT-1", PlatformTokens.FromDataDirectory(store.DataDirectory)) { SettleFor = PayOrCancel };
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

        var burst = new Burst(url, "crash-sale", "HOT-1", ProcessCluster.Tokens) { SettleFor = PayOrCancel };
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

    /// <summary>A quarter of the buyers pay, a quarter cancel, the rest keep their hold.</summary>
    private static string? PayOrCancel(int buyer) => (buyer % 4) switch { 0 => "pay", 1 => "cancel", _ => null };

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
        var notAsTold = await burst.NotAsToldAsync();
        var miscounted = await burst.MiscountedBuyersAsync();
        var (paid, held) = burst.ToldUnits();
        ReliabilityLog.Write($"{what} seed {seed}: ok {burst.Acknowledged.Count} ({paid} paid, {held} held), sold-out {burst.SoldOut}, " +
                             $"unknown-then-retried {burst.Unknown} ({burst.Retries} retries), served again after {burst.Outage.TotalSeconds:0.0} s");

        Assert.Empty(burst.Unexpected);
        Assert.Empty(notAsTold);
        Assert.Empty(miscounted);
        Assert.True(burst.SoldOut > 0, "the item sold out");
        await Books.AssertAcknowledgedAsync(marketer, "crash-sale", "HOT-1", paid, held);
        await Books.AssertStockAccountedForAsync(marketer, "crash-sale");
        Assert.True(paid > 0 && burst.States.Values.Any(s => s.Status == "cancelled"), "buyers paid and cancelled through the crash");
    }
}
