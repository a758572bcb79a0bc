using Microsoft.Playwright;

namespace FlashSale.Tests.Pages;

/// <summary>
/// A platform with a shop that sells into five countries (BR, RU, IN, US, ES, each in its currency) and one live
/// sale of a laptop (limit 1 per shopper), plus a browser: shared by the tests of one class, each with its own shoppers.
/// </summary>
public sealed class WorldShop : IAsyncLifetime
{
    public const string SaleId = "world";
    public const string SaleName = "World week";
    public const string Sku = "LAPTOP-1";

    /// <summary>The sale price in each region: large enough that each language groups its digits its own way.</summary>
    public static readonly IReadOnlyDictionary<string, decimal> SalePrices = new Dictionary<string, decimal>
    {
        ["BR"] = 4599.90m, ["RU"] = 123456.50m, ["IN"] = 123456.50m, ["US"] = 1299.99m, ["ES"] = 12999.99m,
    };

    public static readonly IReadOnlyDictionary<string, string> Currencies = new Dictionary<string, string>
    {
        ["BR"] = "BRL", ["RU"] = "RUB", ["IN"] = "INR", ["US"] = "USD", ["ES"] = "EUR",
    };

    private Store _store = null!;

    public Platform Platform { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _store = await Store.CreateAsync(Backend.Sqlite);
        Platform = await Platform.StartAsync(_store);
        var marketer = Platform.Marketer;
        (await marketer.PutAsJsonAsync("/api/admin/regions/BR", TestShop.Brazil)).EnsureSuccessStatusCode();
        (await marketer.PutAsJsonAsync("/api/admin/regions/US", TestShop.UnitedStates)).EnsureSuccessStatusCode();
        (await marketer.PutAsJsonAsync("/api/admin/regions/RU", new { name = "Россия", currency = "RUB", taxRate = 0.20m, pricesIncludeTax = true, shippingFee = 399m, freeShippingThreshold = 5000m })).EnsureSuccessStatusCode();
        (await marketer.PutAsJsonAsync("/api/admin/regions/IN", new { name = "भारत", currency = "INR", taxRate = 0.18m, pricesIncludeTax = true, shippingFee = 99m, freeShippingThreshold = 1499m })).EnsureSuccessStatusCode();
        (await marketer.PutAsJsonAsync("/api/admin/regions/ES", new { name = "España", currency = "EUR", taxRate = 0.21m, pricesIncludeTax = true, shippingFee = 4.99m, freeShippingThreshold = 50m })).EnsureSuccessStatusCode();
        (await marketer.PutAsJsonAsync($"/api/admin/products/{Sku}", new
        {
            name = "Laptop 14",
            description = "A light laptop",
            category = "computers",
            listPrices = SalePrices.ToDictionary(p => p.Key, p => Math.Round(p.Value * 1.25m, 2)),
        })).EnsureSuccessStatusCode();
        (await marketer.PostAsJsonAsync("/api/admin/sales", new
        {
            id = SaleId,
            name = SaleName,
            startsAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            endsAt = DateTimeOffset.UtcNow.AddHours(2),
            regions = SalePrices.Keys,
            items = new[] { new { sku = Sku, stock = 100, perCustomerLimit = 1, salePrices = SalePrices } },
        })).EnsureSuccessStatusCode();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Browsers.LaunchAsync(Playwright);
    }

    /// <summary>A shopper's token, after that shopper already holds the laptop (so one more is over their limit).</summary>
    public async Task<string> ShopperAtTheLimitAsync(string email, string region)
    {
        var token = await Shoppers.TokenAsync(Platform, email);
        using var shopper = Shoppers.WithToken(Platform, token);
        var held = await Shoppers.OrderAsync(shopper, $"first-{email}", new { saleId = SaleId, sku = Sku, quantity = 1, region });
        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        return token;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) { await Browser.DisposeAsync(); }
        Playwright?.Dispose();
        if (Platform is not null) { await Platform.DisposeAsync(); }
        if (_store is not null) { await _store.DisposeAsync(); }
    }
}
