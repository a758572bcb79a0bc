using System.Text.Json.Nodes;

namespace FlashSale.Tests.Sales;

/// <summary>The sale's stats count what became of the holds and the money paid per region, in each region's currency.</summary>
public sealed class OrderOutcomeStatsTests() : PlatformTest
{
    [Fact]
    public async Task Paid_and_cancelled_holds_and_the_revenue_per_region_and_currency_show_in_the_stats()
    {
        await Shoppers.CreateSaleAsync(Platform, "outcomes", stock: 10, limit: 2);
        (await Platform.Marketer.PostAsJsonAsync("/api/admin/promo-codes", new { code = "OUT10", kind = "percent", percent = 10 })).EnsureSuccessStatusCode();
        var br = await HoldAsync("br@example.com", "BR", "OUT10");
        var us = await HoldAsync("us@example.com", "US", null);
        var gone = await HoldAsync("gone@example.com", "BR", null);
        await ResolveAsync(br, "pay");
        await ResolveAsync(us, "pay");
        await ResolveAsync(gone, "cancel");

        var item = await Marketers.ItemStatsAsync(Platform, "outcomes");
        Assert.Equal((3L, 2L, 1L, 0L, 1L), (item.GetProperty("orders").GetInt64(), item.GetProperty("paid").GetInt64(),
            item.GetProperty("cancelled").GetInt64(), item.GetProperty("expired").GetInt64(), item.GetProperty("paidWithPromo").GetInt64()));
        var revenue = item.GetProperty("revenue").EnumerateArray()
            .ToDictionary(r => $"{r.GetProperty("region").GetString()} {r.GetProperty("currency").GetString()}", r => r.GetProperty("amount").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { ["BR BRL"] = br.Total, ["US USD"] = us.Total }, revenue);
    }

    private async Task<(HttpClient Shopper, string OrderId, decimal Total)> HoldAsync(string email, string region, string? promoCode)
    {
        var shopper = await Shoppers.SignInAsync(Platform, email);
        var response = await Shoppers.OrderAsync(shopper, email, new { saleId = "outcomes", sku = "SNEAKER-1", quantity = 1, region, promoCode });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (shopper, order["orderId"]!.GetValue<string>(), order["quote"]!["total"]!["amount"]!.GetValue<decimal>());
    }

    private static async Task ResolveAsync((HttpClient Shopper, string OrderId, decimal Total) hold, string action)
    {
        using var shopper = hold.Shopper;
        var response = action == "pay"
            ? await shopper.PostAsJsonAsync($"/api/orders/{hold.OrderId}/pay", new { paymentMethod = "test-card" })
            : await shopper.PostAsync($"/api/orders/{hold.OrderId}/cancel", null);
        response.EnsureSuccessStatusCode();
    }
}
