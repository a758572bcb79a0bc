using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FlashSale.Orders;
using FlashSale.Sales;
using FlashSale.Silo.Faults;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace FlashSale.Tests.Reliability;

/// <summary>
/// A double-click during a database hiccup: each held order is paid twice at once while a third of storage writes
/// fail. A second pay must not be answered "confirmed" before the first pay's write has committed, so every order
/// that got a 200 "confirmed" is confirmed after the faults stop and the platform restarts.
/// </summary>
public sealed class RepeatDurabilityTests
{
    private const int Orders = 300;

    [Theory]
    [InlineData(Backend.PostgreSql)]
    [InlineData(Backend.Sqlite)]
    public async Task Every_payment_answered_confirmed_is_confirmed_after_a_restart_when_pays_were_repeated_during_storage_faults(Backend backend)
    {
        await using var store = await Store.CreateAsync(backend);
        var held = new List<(string Token, string OrderId)>();
        var confirmed = new ConcurrentDictionary<string, string>();
        var unknown = 0;
        var (platform, faults) = await SwitchableFaults.StartAsync(store, rate: 0.3, seed: 5);
        await using (platform)
        {
            await TestShop.AddRegionsAsync(platform.Marketer);
            await TestShop.AddProductAsync(platform.Marketer, "SNEAKER-1");
            await Shoppers.CreateSaleAsync(platform, "double-click", stock: Orders, limit: 1, "BR");
            var placed = await Task.WhenAll(Enumerable.Range(0, Orders).Select(async i =>
            {
                var token = await Shoppers.TokenAsync(platform, $"twice-{i}@example.com");
                using var shopper = Shoppers.WithToken(platform, token);
                using var response = await Shoppers.OrderAsync(shopper, $"twice-{i}", new { saleId = "double-click", sku = "SNEAKER-1", quantity = 1, region = "BR" });
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"hold {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return (token, (await response.Content.ReadFromJsonAsync<JsonObject>())!["orderId"]!.GetValue<string>());
            }));
            held.AddRange(placed);

            faults.On = true;
            await Parallel.ForEachAsync(held, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (order, _) =>
            {
                using var shopper = Shoppers.WithToken(platform, order.Token);
                var answers = await Task.WhenAll(PayAsync(shopper, order.OrderId), PayAsync(shopper, order.OrderId));
                foreach (var answer in answers)
                {
                    if (answer == HttpStatusCode.OK)
                    {
                        confirmed[order.OrderId] = order.Token;
                    }
                    else if (answer == HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref unknown);
                    }
                }
            });
            faults.On = false;
            ReliabilityLog.Write($"repeated pays on {backend}: {confirmed.Count} of {Orders} answered confirmed, {unknown} answers unknown " +
                $"({faults.BeforeCommit} writes failed before / {faults.AfterCommit} after commit)");
            Assert.True(unknown > 0, "some pays met a storage fault");
            Assert.True(confirmed.Count > 0, "some pays were confirmed");
        }

        // A restart without faults: what storage holds is all there is.
        await using var restarted = await Platform.StartAsync(store);
        var lost = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(confirmed, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (order, _) =>
        {
            using var shopper = Shoppers.WithToken(restarted, order.Value);
            var read = await shopper.GetFromJsonAsync<JsonObject>($"/api/orders/{order.Key}");
            if (read!["status"]!.GetValue<string>() != "confirmed")
            {
                lost.Add(order.Key);
            }
        });
        Assert.True(lost.IsEmpty, $"{lost.Count} of {confirmed.Count} payments answered 200 confirmed came back unpaid after the restart");
    }

    [Theory]
    [InlineData(Backend.PostgreSql)]
    [InlineData(Backend.Sqlite)]
    public async Task A_repeated_hold_that_waited_while_the_first_hold_s_write_failed_is_not_acknowledged(Backend backend)
    {
        // Two copies of one hold reach the shard together (a retry through another path than the shopper's grain); the
        // promo code's reservation suspends both inside the hold while the first one's write may fail.
        await using var store = await Store.CreateAsync(backend);
        var acknowledged = new ConcurrentDictionary<string, string>();
        var unknown = 0;
        var (platform, faults) = await SwitchableFaults.StartAsync(store, rate: 0.3, seed: 7);
        await using (platform)
        {
            await TestShop.AddRegionsAsync(platform.Marketer);
            await TestShop.AddProductAsync(platform.Marketer, "SNEAKER-1");
            await Shoppers.CreateSaleAsync(platform, "hold-twice", stock: Orders, limit: 1, "BR");
            (await platform.Marketer.PostAsJsonAsync("/api/admin/promo-codes", new { code = "TWICE10", kind = "percent", percent = 10 })).EnsureSuccessStatusCode();
            var grains = platform.App.Services.GetRequiredService<IGrainFactory>();
            var shards = (await grains.GetGrain<ISaleGrain>("hold-twice").GetSnapshot())!.Definition.Item("SNEAKER-1")!.Shards;
            faults.On = true;

            await Parallel.ForEachAsync(Enumerable.Range(0, Orders), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            {
                var email = $"hold-twice-{i}@example.com";
                var customer = SaleRules.CustomerIdFor(email);
                var shard = SaleRules.ShardFor(customer, shards);
                var hold = new HoldRequest(
                    SaleRules.OrderIdFor("hold-twice", "SNEAKER-1", shard, customer, "k"), customer, new OrderRequest("hold-twice", "SNEAKER-1", 1, "BR", "TWICE10"));
                var stock = grains.GetGrain<IStockShardGrain>(SaleRules.ShardKey("hold-twice", "SNEAKER-1", shard));
                foreach (var answer in await Task.WhenAll(Answer(stock.Hold(hold)), Answer(stock.Hold(hold))))
                {
                    if (answer == OrderOutcome.Held)
                    {
                        acknowledged[hold.OrderId] = email;
                    }
                    else if (answer is null)
                    {
                        Interlocked.Increment(ref unknown);
                    }
                }
            });
            faults.On = false;
            ReliabilityLog.Write($"repeated holds on {backend}: {acknowledged.Count} of {Orders} acknowledged, {unknown} answers unknown");
            Assert.True(unknown > 0, "some holds met a storage fault");
        }

        await using var restarted = await Platform.StartAsync(store);
        var lost = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (order, _) =>
        {
            using var shopper = await Shoppers.SignInAsync(restarted, order.Value);
            using var response = await shopper.GetAsync($"/api/orders/{order.Key}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                lost.Add(order.Key);
            }
        });
        Assert.True(lost.IsEmpty, $"{lost.Count} of {acknowledged.Count} holds acknowledged to the shard's caller were gone after the restart");
    }

    /// <summary>The outcome, or null when it is unknown (storage did not confirm it, or the call did not get through).</summary>
    private static async Task<OrderOutcome?> Answer(Task<OrderResult> hold)
    {
        try
        {
            return (await hold).Outcome;
        }
        catch (Exception e) when (e is StorageOutcomeUnknownException or OrleansException or TimeoutException)
        {
            return null;
        }
    }

    private static async Task<HttpStatusCode> PayAsync(HttpClient shopper, string orderId)
    {
        using var response = await shopper.PostAsJsonAsync($"/api/orders/{orderId}/pay", new { paymentMethod = "test-card" });
        return response.StatusCode;
    }
}
