using System.Text.Json.Nodes;

namespace FlashSale.Tests.Reliability;

/// <summary>
/// One shopper's requests spread over two front ends of one cluster: the per-shopper limit and the idempotency key hold
/// across them, because both are decided by grains, not by the front end a request happened to reach.
/// </summary>
public sealed class TwoFrontEndsTests : IAsyncLifetime
{
    private Store store = null!;
    private Microsoft.Extensions.Hosting.IHost silo = null!;
    private Platform first = null!;
    private Platform second = null!;

    public async ValueTask InitializeAsync()
    {
        store = await Store.CreateAsync(Backend.PostgreSql);
        silo = await SiloHost.StartAsync(store, ProcessCluster.ClusterArgs);
        first = await Platform.StartAsync(store, ProcessCluster.ClusterArgs);
        second = await Platform.StartAsync(store, ProcessCluster.ClusterArgs);
        await TestShop.AddRegionsAsync(first.Marketer);
        await TestShop.AddProductAsync(first.Marketer, "SNEAKER-1");
        var now = DateTimeOffset.UtcNow;
        (await first.Marketer.PostAsJsonAsync("/api/admin/sales", new
        {
            id = "two-fronts", name = "Two fronts", startsAt = now.AddMinutes(-1), endsAt = now.AddHours(1), regions = new[] { "BR" }, holdMinutes = 10,
            items = new[] { new { sku = "SNEAKER-1", stock = 100, perCustomerLimit = 2, salePrices = new { BR = 99.90m } } },
        })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_shopper_spreading_orders_over_two_front_ends_gets_no_more_than_the_limit()
    {
        var token = await Shoppers.TokenAsync(first, "spread@example.com");
        using var viaFirst = Shoppers.WithToken(first, token);
        using var viaSecond = Shoppers.WithToken(second, token);

        // Twenty orders at once, each with a key of its own, alternating between the front ends.
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Shoppers.OrderAsync(i % 2 == 0 ? viaFirst : viaSecond, $"spread-{i}", new { saleId = "two-fronts", sku = "SNEAKER-1", quantity = 1, region = "BR" })));

        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.EndsWith("/limit-exceeded", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>());
        }
        // Each front end shows the same two orders, and the sale counts two units.
        foreach (var viewer in new[] { viaFirst, viaSecond })
        {
            Assert.Equal(2, (await viewer.GetFromJsonAsync<JsonArray>("/api/orders"))!.Count);
        }
        var item = (await second.Marketer.GetFromJsonAsync<JsonObject>("/api/admin/sales/two-fronts/stats"))!["items"]![0]!;
        Assert.Equal(2, item["held"]!.GetValue<int>());
    }

    [Fact]
    public async Task One_key_sent_to_both_front_ends_at_once_places_one_order()
    {
        var token = await Shoppers.TokenAsync(second, "twice@example.com");
        using var viaFirst = Shoppers.WithToken(first, token);
        using var viaSecond = Shoppers.WithToken(second, token);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Shoppers.OrderAsync(i % 2 == 0 ? viaFirst : viaSecond, "the-same-key", new { saleId = "two-fronts", sku = "SNEAKER-1", quantity = 1, region = "BR" })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        // Every answer names the same id by construction (ids derive from customer and key): what can fail is the shopper's
        // list and the units held.
        Assert.Single((await viaFirst.GetFromJsonAsync<JsonArray>("/api/orders"))!);
        var item = (await second.Marketer.GetFromJsonAsync<JsonObject>("/api/admin/sales/two-fronts/stats"))!["items"]![0]!;
        Assert.Equal((1, 1), (item["held"]!.GetValue<int>(), item["orders"]!.GetValue<int>()));
    }

    public async ValueTask DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
        await silo.StopAsync();
        silo.Dispose();
        await store.DisposeAsync();
    }
}
