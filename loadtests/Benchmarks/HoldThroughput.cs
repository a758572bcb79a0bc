using System.Collections.Immutable;
using System.Diagnostics;
using FlashSale.Orders;
using FlashSale.Products;
using FlashSale.Promos;
using FlashSale.Regions;
using FlashSale.Sales;
using FlashSale.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;

namespace FlashSale.Benchmarks;

/// <summary>
/// Durable holds per second on one hot item, on PostgreSQL, in one run: our path (sharded stock, group
/// commit, shopper grains), a grain that awaits one write per purchase, and the plain SQL purchase
/// (a row-locked decrement plus an order row per transaction). Closed loop: N workers, each waits for its answer.
/// </summary>
internal static class HoldThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var workers = Option(args, "--concurrency", 200);
        using var sampler = args.Contains("--allocations") ? new AllocationSampler() : null;
        var admin = Environment.GetEnvironmentVariable("FLASHSALE_BENCH_POSTGRES")
            ?? "Host=127.0.0.1;Port=5432;Username=flashsale;Password=flashsale;Database=postgres";
        var database = $"flashsale_bench_{Guid.NewGuid():N}"[..32];
        await Sql(admin, $"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = 100 }.ToString();
        try
        {
            var builder = Host.CreateApplicationBuilder([
                "--FlashSale:Storage:Provider=PostgreSql", $"--ConnectionStrings:FlashSale={connectionString}",
                "--FlashSale:Cluster:SiloPort=22111", "--FlashSale:Cluster:GatewayPort=22112",
                $"--FlashSale:DataDirectory={Path.GetTempPath()}"]);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddFlashSaleSilo(builder.AddFlashSaleSettings());
            using var silo = builder.Build();
            await silo.StartAsync();
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var orders = new OrderRouter(grains);
            await SeedAsync(grains);

            Console.WriteLine($"Hot item, {workers} concurrent buyers, {seconds} s per candidate, PostgreSQL {database}");
            var ours = await Measure("sharded stock + group commit", workers, seconds, sampler, async (worker, n) =>
                (await orders.Place($"bench-{worker}-{n}", "k", new OrderRequest("bench", "BENCH-1", 1, "BR", null))).Outcome == OrderOutcome.Held);
            var withCode = await Measure("same, every buyer with one shared code", workers, seconds, sampler, async (worker, n) =>
                (await orders.Place($"bench-code-{worker}-{n}", "k", new OrderRequest("bench", "BENCH-1", 1, "BR", "STAMPEDE"))).Outcome == OrderOutcome.Held);
            if (args.Contains("--ours-only"))
            {
                // Our two paths alone: enough to compare allocation per hold before and after a change.
                await silo.StopAsync();
                return 0;
            }
            await grains.GetGrain<INaiveStockGrain>("BENCH-1").SetStock(10_000_000);
            var naiveGrain = await Measure("grain, one write per request", workers, seconds, async (_, _) =>
                await grains.GetGrain<INaiveStockGrain>("BENCH-1").Hold());
            await Sql(connectionString, "CREATE TABLE naive_stock (sku text PRIMARY KEY, qty int NOT NULL); " +
                "CREATE TABLE naive_orders (id bigserial PRIMARY KEY, sku text NOT NULL, customer text NOT NULL, at timestamptz NOT NULL DEFAULT now()); " +
                "INSERT INTO naive_stock VALUES ('BENCH-1', 10000000);");
            var naiveSql = await Measure("SQL row-lock purchase", workers, seconds, async (worker, n) => await SqlPurchase(connectionString, $"{worker}-{n}"));

            Console.WriteLine();
            Console.WriteLine("| path | holds/s | vs SQL row-lock | vs grain write-per-request |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (name, rate) in new[] { ours, withCode, naiveGrain, naiveSql })
            {
                Console.WriteLine($"| {name} | {rate:F0} | {rate / naiveSql.Rate:F1}x | {rate / naiveGrain.Rate:F1}x |");
            }
            await silo.StopAsync();
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Sql(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static Task<(string Name, double Rate)> Measure(string name, int workers, int seconds, Func<int, int, Task<bool>> attempt) =>
        Measure(name, workers, seconds, null, attempt);

    private static async Task<(string Name, double Rate)> Measure(
        string name, int workers, int seconds, AllocationSampler? sampler, Func<int, int, Task<bool>> attempt)
    {
        sampler?.Start();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collectionsBefore = GC.CollectionCount(0);
        var watch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            var ok = 0;
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                if (await attempt(worker, n))
                {
                    ok++;
                }
            }
            return ok;
        }));
        var rate = counts.Sum() / watch.Elapsed.TotalSeconds;
        // Allocation per hold is steady where the CPU is shared: the figure to watch when the machine is busy.
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Console.WriteLine($"{name}: {counts.Sum()} durable holds in {watch.Elapsed.TotalSeconds:F1} s = {rate:F0}/s; " +
            $"{allocated / Math.Max(1, counts.Sum()):N0} bytes allocated per hold, {GC.CollectionCount(0) - collectionsBefore} gen-0 collections");
        foreach (var (type, share) in sampler?.Stop(top: 25) ?? [])
        {
            Console.WriteLine($"  {share,6:P1} {allocated * share / Math.Max(1, counts.Sum()),7:N0} B/hold  {type}");
        }
        return (name, rate);
    }

    private static async Task<bool> SqlPurchase(string connectionString, string customer)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var decrement = new NpgsqlCommand("UPDATE naive_stock SET qty = qty - 1 WHERE sku = 'BENCH-1' AND qty > 0", connection, transaction);
        if (await decrement.ExecuteNonQueryAsync() == 0)
        {
            return false;
        }
        await using var order = new NpgsqlCommand("INSERT INTO naive_orders (sku, customer) VALUES ('BENCH-1', @c)", connection, transaction);
        order.Parameters.AddWithValue("c", customer);
        await order.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return true;
    }

    private static async Task SeedAsync(IGrainFactory grains)
    {
        await grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key).Put(new Region("BR", "Brasil", "BRL", 0.17m, true, 19.90m, 199m));
        await grains.GetGrain<IProductGrain>("BENCH-1").Put(new ProductDetails("Bench", "", "bench", null, ImmutableDictionary<string, decimal>.Empty.Add("BR", 199.90m)));
        var stock = 10_000_000;
        await grains.GetGrain<ISaleGrain>("bench").Create(new SaleDefinition(
            "bench", "Bench", DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(2), ["BR"], 60,
            [new SaleItem("BENCH-1", stock, 1, ImmutableDictionary<string, decimal>.Empty.Add("BR", 99.90m), SaleRules.ShardCountFor(stock, SaleRules.ShardsPerItemFor(silos: 1)))]));
        // A code for the whole sale, capped high enough never to run out: a stampede on one code.
        await grains.GetGrain<IPromoCodeGrain>("STAMPEDE").Create(new PromoDefinition(
            "STAMPEDE", PromoKind.Percent, 10m, ImmutableDictionary<string, decimal>.Empty, 5_000_000, null, null, null,
            [], ImmutableDictionary<string, decimal>.Empty, [], [], true, PromoRules.AllowanceShardsFor(5_000_000)));
    }

    private static async Task Sql(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
    }
}
