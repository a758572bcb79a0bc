using System.Text.Json;

namespace FlashSale.Tests.Marketplace;

/// <summary>What the marketplace tests do over HTTP: a sale of local and imported products, paid orders, their journeys.</summary>
public static class MarketplaceShop
{
    /// <summary>Products LOCAL-1 (ships from Brazil) and IMPORT-1 (ships from China), and a live sale of both in BR and US.</summary>
    public static async Task CreateSaleAsync(Platform platform, string saleId, int stock = 10, DateTimeOffset? now = null, TimeSpan? lasts = null)
    {
        foreach (var (sku, origin) in new[] { ("LOCAL-1", "BR"), ("IMPORT-1", "CN") })
        {
            var product = await platform.Marketer.PutAsJsonAsync($"/api/admin/products/{sku}", new
            {
                name = $"Product {sku}", description = "", category = "home", shipsFrom = origin,
                listPrices = new Dictionary<string, decimal> { ["BR"] = 120.00m, ["US"] = 30.00m },
            });
            product.EnsureSuccessStatusCode();
        }
        var start = now ?? DateTimeOffset.UtcNow;
        var sale = await platform.Marketer.PostAsJsonAsync("/api/admin/sales", new
        {
            id = saleId,
            name = $"Sale {saleId}",
            startsAt = start.AddMinutes(-1),
            endsAt = start.Add(lasts ?? TimeSpan.FromHours(1)),
            regions = new[] { "BR", "US" },
            items = new[] { "IMPORT-1", "LOCAL-1" }.Select(sku => new
            {
                sku, stock, perCustomerLimit = 5, salePrices = new Dictionary<string, decimal> { ["BR"] = 80.00m, ["US"] = 20.00m },
            }),
        });
        Assert.Equal(HttpStatusCode.Created, sale.StatusCode);
    }

    /// <summary>A paid order of <paramref name="sku"/>; its id.</summary>
    public static async Task<string> PaidOrderAsync(HttpClient shopper, string saleId, string sku, int quantity = 1, string region = "BR")
    {
        var placed = await Shoppers.OrderAsync(shopper, Guid.NewGuid().ToString("N"), new { saleId, sku, quantity, region });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        var paid = await shopper.PostAsJsonAsync($"/api/orders/{orderId}/pay", new { paymentMethod = "test-card" });
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        return orderId;
    }

    public static async Task<JsonElement> TimelineAsync(HttpClient shopper, string orderId)
    {
        var response = await shopper.GetAsync($"/api/orders/{orderId}/timeline");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> ShipAsync(Platform platform, string orderId, string tracking = "BR123456789CN") =>
        platform.Marketer.PostAsJsonAsync($"/api/admin/orders/{orderId}/ship", new { tracking });

    public static Task<HttpResponseMessage> DeliverAsync(Platform platform, string orderId) =>
        platform.Marketer.PostAsync($"/api/admin/orders/{orderId}/deliver", null);

    public static async Task<HttpResponseMessage> RefundAsync(Platform platform, string orderId, string key, decimal? amount, string reason = "Goodwill")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/orders/{orderId}/refunds") { Content = JsonContent.Create(new { amount, reason }) };
        request.Headers.Add("Idempotency-Key", key);
        return await platform.Marketer.SendAsync(request);
    }

    public static Task<HttpResponseMessage> DisputeAsync(HttpClient shopper, string orderId, string reason = "not-received", string message = "Nothing came.") =>
        shopper.PostAsJsonAsync($"/api/orders/{orderId}/dispute", new { reason, message });

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static IEnumerable<string> Kinds(JsonElement journey) =>
        journey.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!);

    public static decimal Amount(JsonElement money) => money.GetProperty("amount").GetDecimal();

    public static JsonElement Item(JsonElement sale, string sku) =>
        sale.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("sku").GetString() == sku);
}
