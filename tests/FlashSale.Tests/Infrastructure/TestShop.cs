namespace FlashSale.Tests.Infrastructure;

/// <summary>Regions and products a test shop starts from, set through the marketer API.</summary>
public static class TestShop
{
    public static readonly object Brazil = new { name = "Brasil", currency = "BRL", taxRate = 0.17m, pricesIncludeTax = true, shippingFee = 19.90m, freeShippingThreshold = 199m };
    public static readonly object UnitedStates = new { name = "United States", currency = "USD", taxRate = 0.08m, pricesIncludeTax = false, shippingFee = 5.99m, freeShippingThreshold = 50m };
    public static readonly object Japan = new { name = "Japan", currency = "JPY", taxRate = 0.10m, pricesIncludeTax = true, shippingFee = 500m };

    public static async Task AddRegionsAsync(HttpClient marketer)
    {
        foreach (var (code, region) in new[] { ("BR", Brazil), ("US", UnitedStates), ("JP", Japan) })
        {
            (await marketer.PutAsJsonAsync($"/api/admin/regions/{code}", region)).EnsureSuccessStatusCode();
        }
    }

    public static async Task AddProductAsync(HttpClient marketer, string sku, decimal brl = 199.90m, decimal usd = 39.99m, decimal jpy = 4980m)
    {
        var response = await marketer.PutAsJsonAsync($"/api/admin/products/{sku}", new
        {
            name = $"Product {sku}",
            description = "A test product",
            category = "shoes",
            imageUrl = "/img/sneaker.svg",
            listPrices = new Dictionary<string, decimal> { ["BR"] = brl, ["US"] = usd, ["JP"] = jpy },
        });
        response.EnsureSuccessStatusCode();
    }
}
