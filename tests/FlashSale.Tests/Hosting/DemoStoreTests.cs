using System.Text.Json;
using FlashSale.Client.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Tests.Hosting;

/// <summary>The demo store a first start of the embedded default sets up, and leaves alone afterwards.</summary>
public sealed class DemoStoreTests
{
    [Fact]
    public async Task A_first_start_sets_up_a_store_to_buy_from_and_a_restart_leaves_it_as_the_marketer_left_it()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        JsonElement sales;
        string orderId;
        await using (var first = await Platform.StartAsync(store, "--FlashSale:Demo=true"))
        {
            await first.App.Services.GetRequiredService<DemoStore>().Settled;
            sales = await first.Http.GetFromJsonAsync<JsonElement>("/api/sales?region=DE");
            var regions = await first.Http.GetFromJsonAsync<JsonElement>("/api/regions");
            var products = await first.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/products");
            var picture = await first.Http.GetAsync(products[0].GetProperty("imageUrl").GetString());
            var live = sales.EnumerateArray().Single(s => s.GetProperty("items")[0].GetProperty("status").GetString() == "live");
            var item = live.GetProperty("items")[0];
            using var shopper = await Shoppers.SignInAsync(first, "demo@example.com");
            var order = await Shoppers.OrderAsync(shopper, "demo-1", new
            {
                saleId = live.GetProperty("id").GetString(), sku = item.GetProperty("sku").GetString(), quantity = 1, region = "DE", promoCode = "WELCOME10",
            });
            // The marketer makes the store their own before the next start.
            var renamed = await first.Marketer.PutAsJsonAsync("/api/admin/regions/DE",
                new { name = "Germany", currency = "EUR", taxRate = 0.19m, pricesIncludeTax = true, shippingFee = 3.99m, freeShippingThreshold = 29m });

            Assert.Equal(["BR", "DE", "IN", "RU", "US"], regions.EnumerateArray().Select(r => r.GetProperty("code").GetString()).Order());
            Assert.Equal(12, products.GetArrayLength());
            Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
            Assert.Equal("image/svg+xml", picture.Content.Headers.ContentType?.MediaType);
            Assert.Single(sales.EnumerateArray(), s => s.GetProperty("items")[0].GetProperty("status").GetString() == "upcoming");
            Assert.Equal(HttpStatusCode.Created, order.StatusCode);
            var placed = await order.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(placed.GetProperty("quote").GetProperty("discount").GetProperty("amount").GetDecimal() > 0, "the demo code takes 10 % off");
            Assert.Equal("EUR", placed.GetProperty("quote").GetProperty("total").GetProperty("currency").GetString());
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            orderId = placed.GetProperty("orderId").GetString()!;
        }

        await using var second = await Platform.StartAsync(store, "--FlashSale:Demo=true");
        var regionsAfter = await second.Http.GetFromJsonAsync<JsonElement>("/api/regions");
        var salesAfter = await second.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales");
        using var again = Shoppers.WithToken(second, await Shoppers.TokenAsync(second, "demo@example.com"));
        var mine = await again.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}");

        Assert.Equal("Germany", regionsAfter.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "DE").GetProperty("name").GetString());
        Assert.Equal(2, salesAfter.GetArrayLength());
        Assert.Equal("reserved", mine.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_store_with_data_of_its_own_gets_no_demo()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using (var own = await Platform.StartAsync(store))
        {
            await TestShop.AddRegionsAsync(own.Marketer);
        }

        await using var restarted = await Platform.StartAsync(store, "--FlashSale:Demo=true");
        await restarted.App.Services.GetRequiredService<DemoStore>().Settled;
        var products = await restarted.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/products");
        var sales = await restarted.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales");

        Assert.Equal(0, products.GetArrayLength());
        Assert.Equal(0, sales.GetArrayLength());
    }
}
