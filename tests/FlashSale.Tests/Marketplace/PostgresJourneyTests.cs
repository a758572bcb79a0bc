using System.Text.Json;
using static FlashSale.Tests.Marketplace.MarketplaceShop;

namespace FlashSale.Tests.Marketplace;

/// <summary>An order's life after payment on PostgreSQL, and after a restart of the platform on the same database.</summary>
public sealed class PostgresJourneyTests : IAsyncLifetime
{
    private Store _store = null!;

    public async ValueTask InitializeAsync() => _store = await Store.CreateAsync(Backend.PostgreSql);

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Shipping_a_refund_a_dispute_and_a_review_are_kept_across_a_restart()
    {
        string reviewed, refunded, token;
        await using (var platform = await Platform.StartAsync(_store))
        {
            await TestShop.AddRegionsAsync(platform.Marketer);
            await CreateSaleAsync(platform, "pg");
            token = await Shoppers.TokenAsync(platform, "ana@example.com");
            using var ana = Shoppers.WithToken(platform, token);
            reviewed = await PaidOrderAsync(ana, "pg", "LOCAL-1");
            refunded = await PaidOrderAsync(ana, "pg", "IMPORT-1");
            Assert.Equal(HttpStatusCode.OK, (await ShipAsync(platform, reviewed, "PG-1")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(platform, reviewed)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ana.PostAsJsonAsync($"/api/orders/{reviewed}/review", new { rating = 3, text = "OK" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await DisputeAsync(ana, refunded)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await platform.Marketer.PostAsJsonAsync($"/api/admin/disputes/{refunded}/resolve", new { decision = "refund", amount = 10.00m, reason = "Late" })).StatusCode);
        }

        await using var again = await Platform.StartAsync(_store);
        using var shopper = Shoppers.WithToken(again, token);
        var delivered = await TimelineAsync(shopper, reviewed);
        var disputed = await TimelineAsync(shopper, refunded);
        var retried = await again.Marketer.PostAsJsonAsync($"/api/admin/disputes/{refunded}/resolve", new { decision = "refund", amount = 10.00m, reason = "Late" });
        var reviews = await again.Http.GetFromJsonAsync<JsonElement>("/api/products/LOCAL-1/reviews");
        var board = await again.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/disputes");

        Assert.Equal(("delivered", "PG-1", true), (delivered.GetProperty("stage").GetString(), delivered.GetProperty("tracking").GetString(), delivered.GetProperty("reviewed").GetBoolean()));
        Assert.Equal("refunded", disputed.GetProperty("dispute").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(10.00m, Amount((await JsonAsync(retried)).GetProperty("refunded")));
        Assert.Equal((3m, 1), (reviews.GetProperty("rating").GetProperty("average").GetDecimal(), reviews.GetProperty("rating").GetProperty("count").GetInt32()));
        Assert.Equal("refunded", Assert.Single(board.EnumerateArray()).GetProperty("dispute").GetProperty("status").GetString());
    }
}
