using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FlashSale.Silo.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Tests.Reliability;

/// <summary>
/// The real storage behind a wrapper that fails one write in ten: half before the database saw it, half after it
/// committed with the reply lost. Buyers hold, pay and cancel through it, retrying every unknown outcome with the
/// same key. Afterwards: each acknowledged order is there in the state it was acknowledged in, no unit and no
/// redemption was counted twice, and the grains serve normally once the faults stop.
/// </summary>
public sealed class StorageFaultTests
{
    private const int Stock = 120;
    private const int PromoCap = 30;

    [Theory]
    [InlineData(Backend.PostgreSql)]
    [InlineData(Backend.Sqlite)]
    public async Task Writes_failing_before_and_after_commit_lose_no_order_and_count_nothing_twice(Backend backend)
    {
        await using var store = await Store.CreateAsync(backend);
        await using var platform = await Platform.StartAsync(store, "--FlashSale:Faults:StorageWrites=0.1", "--FlashSale:Faults:Seed=8");
        var faults = platform.App.Services.GetRequiredService<StorageFaults>();
        faults.Paused = true;
        await SetUpAsync(platform);
        faults.Paused = false;

        var burst = new Burst(platform.Http.BaseAddress!, "fault-sale", "HOT-1")
        {
            PromoFor = buyer => buyer % 3 == 0 ? "FAULT10" : null,
            SettleFor = buyer => (buyer % 4) switch { 0 => "pay", 1 => "cancel", _ => null },
        };
        await burst.RunAsync(buyers: 400, concurrency: 32, seed: 3);
        faults.Paused = true;
        var states = burst.States;

        ReliabilityLog.Write(
            $"storage faults on {backend}: injected {faults.BeforeCommit} before / {faults.AfterCommit} after commit; ok {burst.Acknowledged.Count}, " +
            $"sold-out {burst.SoldOut}, promo refused {burst.PromoRejected}, unknown-then-retried {burst.Unknown} ({burst.Retries} retries)");
        Assert.True(faults.BeforeCommit > 0 && faults.AfterCommit > 0, "faults were injected on both sides of the commit");
        Assert.True(burst.Unknown > 0, "buyers met unknown outcomes and retried them");
        Assert.Empty(burst.Unexpected);

        // Every acknowledged order, read by its owner, is in the state it was acknowledged in; each buyer's list holds
        // exactly the order it was told of (none for a refused buyer).
        Assert.Empty(await burst.NotAsToldAsync());
        Assert.Empty(await burst.MiscountedBuyersAsync());

        // The books: sold and held are exactly what buyers were told, within the stock (faults must not make units), and
        // the units allocated to the shards are the stock.
        var (paid, held) = burst.ToldUnits();
        await Books.AssertAcknowledgedAsync(platform.Marketer, "fault-sale", "HOT-1", paid, held);
        await Books.AssertStockAccountedForAsync(platform.Marketer, "fault-sale");
        Assert.True(burst.SoldOut > 0, "the item sold out under the faults");

        // Redemptions: never more than the cap, none redeemed without a paid order, every live promo order counted.
        var promo = (await platform.Marketer.GetFromJsonAsync<JsonObject>("/api/admin/promo-codes/FAULT10"))!;
        var (redeemed, promoHeld) = (promo["redeemed"]!.GetValue<int>(), promo["held"]!.GetValue<int>());
        Assert.True(redeemed + promoHeld <= PromoCap, $"{redeemed} redeemed + {promoHeld} held within the cap of {PromoCap}");
        Assert.True(redeemed <= states.Values.Count(o => o.Promo is not null && o.Status == "confirmed"), $"{redeemed} redeemed, not more than paid promo orders");
        Assert.True(redeemed + promoHeld >= states.Values.Count(o => o.Promo is not null && o.Status is "confirmed" or "reserved"), "every live promo order keeps its redemption");

        // With the faults gone the grains serve at the first try again.
        for (var i = 0; i < 5; i++)
        {
            using var shopper = await Shoppers.SignInAsync(platform, $"after-{i}@example.com");
            var response = await Shoppers.OrderAsync(shopper, $"after-{i}", new { saleId = "fault-sale", sku = "HOT-2", quantity = 1, region = "BR" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    private static async Task SetUpAsync(Platform platform)
    {
        await TestShop.AddRegionsAsync(platform.Marketer);
        await TestShop.AddProductAsync(platform.Marketer, "HOT-1");
        await TestShop.AddProductAsync(platform.Marketer, "HOT-2");
        var now = DateTimeOffset.UtcNow;
        (await platform.Marketer.PostAsJsonAsync("/api/admin/sales", new
        {
            id = "fault-sale", name = "Fault sale", startsAt = now.AddSeconds(-1), endsAt = now.AddHours(2), regions = new[] { "BR" }, holdMinutes = 60,
            items = new[]
            {
                new { sku = "HOT-1", stock = Stock, perCustomerLimit = 1, salePrices = new { BR = 99.90m } },
                new { sku = "HOT-2", stock = 10, perCustomerLimit = 1, salePrices = new { BR = 49.90m } },
            },
        })).EnsureSuccessStatusCode();
        (await platform.Marketer.PostAsJsonAsync("/api/admin/promo-codes", new { code = "FAULT10", kind = "percent", percent = 10, maxRedemptions = PromoCap }))
            .EnsureSuccessStatusCode();
    }
}
