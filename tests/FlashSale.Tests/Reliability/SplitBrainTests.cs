using System.Text.Json.Nodes;

namespace FlashSale.Tests.Reliability;

/// <summary>
/// A split brain: two platforms that do not know each other (as a silo cut off from its cluster's membership but still
/// serving) sell the same item from the same database, so each holds its own activation of every stock shard. Only
/// the storage's version check stands between them and overselling: a write from a stale copy is refused, that
/// activation reloads, and the buyer's retry (same key) is answered from what is really stored.
/// </summary>
[Collection(ProcessHeavyCollection.Name)]
public sealed class SplitBrainTests
{
    private const int Stock = 120;
    private static readonly string SigningKey = "--FlashSale:Auth:SigningKey=split-brain-signing-key-0123456789-abcdef";

    [Fact]
    public async Task Two_platforms_selling_one_item_from_one_database_never_oversell_or_lose_an_order()
    {
        await using var store = await Store.CreateAsync(Backend.PostgreSql);
        var left = await Platform.StartAsync(store, SigningKey);
        var right = await Platform.StartAsync(store, SigningKey);
        await TestShop.AddRegionsAsync(left.Marketer);
        await TestShop.AddProductAsync(left.Marketer, "HOT-1");
        var now = DateTimeOffset.UtcNow;
        (await left.Marketer.PostAsJsonAsync("/api/admin/sales", new
        {
            id = "split-sale", name = "Split sale", startsAt = now.AddSeconds(-1), endsAt = now.AddHours(2), regions = new[] { "BR" }, holdMinutes = 60,
            items = new[] { new { sku = "HOT-1", stock = Stock, perCustomerLimit = 1, salePrices = new { BR = 99.90m } } },
        })).EnsureSuccessStatusCode();

        // Both sides know the sale before the doors open (each has read it from the database).
        foreach (var side in new[] { left, right })
        {
            await Eventually.TrueAsync(async () => (await side.Http.GetStringAsync("/api/sales?region=BR")).Contains("split-sale"), "the sale is listed");
        }
        // Each side sells to buyers of its own, at the same time, until the item is sold out.
        var bursts = new[] { new Burst(left.Http.BaseAddress!, "split-sale", "HOT-1", left.Tokens), new Burst(right.Http.BaseAddress!, "split-sale", "HOT-1", right.Tokens) };
        try
        {
            await Task.WhenAll(bursts.Select((burst, side) => burst.RunAsync(buyers: 200, concurrency: 8, seed: side + 1)));
        }
        finally
        {
            await left.DisposeAsync();
            await right.DisposeAsync();
        }

        // A fresh platform reads what was really stored.
        await using var after = await Platform.StartAsync(store, SigningKey);
        var acknowledged = bursts.Sum(b => b.Acknowledged.Count);
        var item = (await after.Marketer.GetFromJsonAsync<JsonObject>("/api/admin/sales/split-sale/stats"))!["items"]![0]!;
        var missing = (await Task.WhenAll(bursts.Select(b => new Burst(after.Http.BaseAddress!, "split-sale", "HOT-1", after.Tokens).MissingAsync(b.Acknowledged)))).SelectMany(m => m).ToList();
        ReliabilityLog.Write($"split brain: acknowledged {acknowledged} of {Stock} (left {bursts[0].Acknowledged.Count}, right {bursts[1].Acknowledged.Count}; sold out {bursts.Sum(b => b.SoldOut)}), " +
                             $"unknown-then-retried {bursts.Sum(b => b.Unknown)} ({bursts.Sum(b => b.Retries)} retries), missing {missing.Count}");

        Assert.All(bursts, burst => Assert.NotEmpty(burst.Acknowledged));
        Assert.True(acknowledged <= Stock, $"{acknowledged} orders acknowledged for {Stock} units");
        Assert.Empty(missing);
        Assert.All(bursts, burst => Assert.Empty(burst.Unexpected));
        Assert.Equal(acknowledged, item["held"]!.GetValue<int>());
        await Books.AssertAcknowledgedAsync(after.Marketer, "split-sale", "HOT-1", paidUnits: 0, heldUnits: acknowledged);
        await Books.AssertStockAccountedForAsync(after.Marketer, "split-sale");
    }
}
