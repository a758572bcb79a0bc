using System.Text.Json;
using FlashSale.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace FlashSale.Tests.Sales;

/// <summary>
/// Ids that are well formed but name nothing (an order of no sale or shard, a product, sale or code nobody made):
/// a plain 404 (or "unknown"), answered from what the platform already knows, without waking a grain or reading storage.
/// </summary>
public sealed class UnknownIdsTests : PlatformTest
{
    private const string Hash = "aaaaaaaaaaaaaaaaaaaa";

    [Fact]
    public async Task An_order_id_that_names_no_sale_item_or_shard_is_not_found_and_wakes_no_stock_shard()
    {
        await Shoppers.CreateSaleAsync(Platform, "known", stock: 10, limit: 2, "BR");
        using var shopper = await Shoppers.SignInAsync(Platform, "ghost-orders@example.com");
        var shardsBefore = await ActivationsAsync("StockShardGrain");
        var salesBefore = await ActivationsAsync("SaleGrain");
        Assert.True(shardsBefore > 0 && salesBefore > 0, "the known sale and its shard are counted");

        var answers = new List<(string What, HttpResponseMessage Response)>();
        foreach (var id in new[] { $"nosuch~SNEAKER-1~0~{Hash}", $"known~GHOST-1~0~{Hash}", $"known~SNEAKER-1~7~{Hash}", $"known~SNEAKER-1~1~{Hash}" })
        {
            answers.Add(($"GET {id}", await shopper.GetAsync($"/api/orders/{id}")));
            answers.Add(($"pay {id}", await shopper.PostAsJsonAsync($"/api/orders/{id}/pay", new { paymentMethod = "test-card" })));
            answers.Add(($"cancel {id}", await shopper.PostAsync($"/api/orders/{id}/cancel", null)));
        }

        foreach (var (what, response) in answers)
        {
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("/problems/not-found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        }
        Assert.Equal(shardsBefore, await ActivationsAsync("StockShardGrain"));
        Assert.Equal(salesBefore, await ActivationsAsync("SaleGrain"));
    }

    [Fact]
    public async Task Products_sales_and_codes_nobody_made_are_unknown_without_waking_a_grain_or_being_kept()
    {
        await Shoppers.CreateSaleAsync(Platform, "real", stock: 10, limit: 2, "BR");
        using var shopper = await Shoppers.SignInAsync(Platform, "ghost-reads@example.com");
        var cache = Platform.App.Services.GetRequiredService<CatalogCache>();
        (await Platform.Marketer.PostAsJsonAsync("/api/admin/promo-codes", new { code = "REAL10", kind = "percent", percent = 10 })).EnsureSuccessStatusCode();
        (await shopper.GetAsync("/api/products/SNEAKER-1?region=BR")).EnsureSuccessStatusCode();
        (await shopper.PostAsJsonAsync("/api/quote", new { saleId = "real", sku = "SNEAKER-1", quantity = 1, region = "BR", promoCode = "REAL10" })).EnsureSuccessStatusCode();
        var before = (Products: await ActivationsAsync("ProductGrain"), Sales: await ActivationsAsync("SaleGrain"), Codes: await ActivationsAsync("PromoCodeGrain"), Kept: cache.Count);

        Assert.True(before is { Products: > 0, Sales: > 0, Codes: > 0 }, $"the real product, sale and code are counted: {before}");

        var answers = new List<(string What, HttpStatusCode Status, string Body)>();
        async Task Ask(string what, Task<HttpResponseMessage> call)
        {
            var response = await call;
            answers.Add((what, response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
        for (var i = 0; i < 40; i++)
        {
            await Ask("product", shopper.GetAsync($"/api/products/GHOST-{i}?region=BR"));
            await Ask("sale", shopper.GetAsync($"/api/sales/ghost-{i}?region=BR"));
            await Ask("quote for a product", shopper.PostAsJsonAsync("/api/quote", new { sku = $"GHOST-{i}", quantity = 1, region = "BR" }));
            await Ask("order in a sale", Shoppers.OrderAsync(shopper, $"ghost-{i}", new { saleId = $"ghost-{i}", sku = "SNEAKER-1", quantity = 1, region = "BR" }));
            await Ask("code", shopper.PostAsJsonAsync("/api/quote", new { saleId = "real", sku = "SNEAKER-1", quantity = 1, region = "BR", promoCode = $"no such code {i}!" }));
        }

        Assert.All(answers.Where(a => a.What != "code"), a => Assert.True(a.Status == HttpStatusCode.NotFound, $"{a.What}: {(int)a.Status} {a.Body}"));
        Assert.All(answers.Where(a => a.What == "code"), a => Assert.Contains("\"reason\":\"unknown\"", a.Body));
        Assert.Equal(before, (await ActivationsAsync("ProductGrain"), await ActivationsAsync("SaleGrain"), await ActivationsAsync("PromoCodeGrain"), cache.Count));
    }

    [Fact]
    public async Task The_catalog_keeps_at_most_its_bound_of_codes_however_many_are_asked_about()
    {
        using var cache = new CatalogCache(Platform.App.Services.GetRequiredService<IGrainFactory>(), maxEntriesPerKind: 20);

        // What it holds is read as each answer comes (entries expire after half a second, so a count read after all of
        // them on a slow machine could see none left).
        var held = new System.Collections.Concurrent.ConcurrentBag<long>();
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            var answer = await cache.Promo($"GHOST-CODE-{i}");
            held.Add(cache.Count);
            return answer;
        }));

        Assert.All(answers, Assert.Null);
        Assert.InRange(held.Max(), 1, 20);
    }

    /// <summary>Activations of grain classes whose name ends with <paramref name="type"/>, across the cluster.</summary>
    private async Task<int> ActivationsAsync(string type)
    {
        var management = Platform.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var activations = await management.GetDetailedGrainStatistics();
        // Named "Namespace.Class,Assembly".
        return activations.Count(a => a.GrainType.Split(',')[0].EndsWith($".{type}", StringComparison.Ordinal));
    }
}
