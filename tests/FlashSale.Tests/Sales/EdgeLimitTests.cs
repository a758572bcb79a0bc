using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Tests.Sales;

/// <summary>
/// The edge rate limits: fixed one-second windows of ASP.NET Core's rate limiter, which runs on its own clock (its
/// limiters take no TimeProvider, so a fake clock cannot drive them). The tests therefore run alone
/// (<see cref="AloneCollection"/>): no heavy test beside them stretches a burst over more windows than its bounds allow.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class EdgeLimitTests
{
    [Fact]
    public async Task A_shopper_over_the_edge_limit_is_told_to_wait_and_the_refusal_is_counted()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var limited = await Platform.StartAsync(store, "--FlashSale:RateLimit:PerShopperPerSecond=3");
        await TestShop.AddRegionsAsync(limited.Marketer);
        await TestShop.AddProductAsync(limited.Marketer, "SNEAKER-1");
        await Shoppers.CreateSaleAsync(limited, "edge", stock: 100, limit: 100, "BR");
        using var fast = await Shoppers.SignInAsync(limited, "fast@example.com");

        var burst = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Shoppers.OrderAsync(fast, $"burst-{i}", new { saleId = "edge", sku = "SNEAKER-1", quantity = 1, region = "BR" })));
        var refused = burst.Where(r => (int)r.StatusCode == 429).ToList();
        var stats = await limited.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales/edge/stats");

        // A fixed one-second window: a burst that straddles two windows may pass twice the limit, never more.
        Assert.InRange(burst.Count(r => r.StatusCode == HttpStatusCode.Created), 1, 6);
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter is not null));
        Assert.Equal("/problems/rate-limited", await TypeOf(refused[0]));
        Assert.Equal(refused.Count, stats.GetProperty("items")[0].GetProperty("rejected").GetProperty("rateLimited").GetInt32());
    }

    [Fact]
    public async Task The_edge_limits_hold_whatever_the_case_of_the_path()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var limited = await Platform.StartAsync(store, "--FlashSale:RateLimit:PerShopperPerSecond=3", "--FlashSale:RateLimit:PerAddressPerSecond=5");
        await TestShop.AddRegionsAsync(limited.Marketer);
        await TestShop.AddProductAsync(limited.Marketer, "SNEAKER-1");
        await Shoppers.CreateSaleAsync(limited, "shout", stock: 100, limit: 100, "BR");
        var token = await Eventually.SucceedsAsync(() => Shoppers.TokenAsync(limited, "loud@example.com"));
        using var loud = Shoppers.WithToken(limited, token);

        var orders = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/API/ORDERS") { Content = JsonContent.Create(new { saleId = "shout", sku = "SNEAKER-1", quantity = 1, region = "BR" }) };
            request.Headers.Add("Idempotency-Key", $"loud-{i}");
            return await loud.SendAsync(request);
        }));
        var sessions = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => limited.Http.PostAsJsonAsync("/Api/Session", new { email = $"s{i}@example.com" })));
        var stats = await limited.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales/shout/stats");

        var refused = orders.Where(r => (int)r.StatusCode == 429).ToList();
        Assert.NotEmpty(refused);
        Assert.Contains(orders, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal("/problems/rate-limited", await TypeOf(refused[0]));
        Assert.Contains(sessions, r => (int)r.StatusCode == 429);
        Assert.Equal(refused.Count, stats.GetProperty("items")[0].GetProperty("rejected").GetProperty("rateLimited").GetInt32());
    }

    [Fact]
    public async Task Refused_orders_for_items_that_do_not_exist_leave_nothing_behind_at_the_edge()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var limited = await Platform.StartAsync(store, "--FlashSale:RateLimit:PerShopperPerSecond=1");
        await TestShop.AddRegionsAsync(limited.Marketer);
        using var anon = await Shoppers.SignInAsync(limited, "anon@example.com");

        var burst = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            Shoppers.OrderAsync(anon, $"ghost-{i}", new { saleId = $"ghost-{i}", sku = $"GHOST-{i}", quantity = 1, region = "BR" })));

        Assert.Contains(burst, r => (int)r.StatusCode == 429);
        Assert.Equal(0, limited.App.Services.GetRequiredService<FlashSale.Client.Limits.EdgeRateLimits>().ItemsCounted);
    }

    private static async Task<string?> TypeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString();
}
