using System.Text.Json;
using FlashSale.Sales;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Tests.Sales;

/// <summary>
/// A marketer's changes to sales over HTTP: each is safe to retry with its Idempotency-Key, reaches every stock shard
/// even when a delivery fails, and stays within bounds (stock, sale window) that keep the shop answering.
/// </summary>
public sealed class SalesAdminTests : PlatformTest
{
    /// <summary>The most units an item can have, restocks included (SaleValidation.MaxStockPerItem).</summary>
    private const int StockCap = 1_000_000;

    private readonly FailingWrites _faults = new();

    protected override void ConfigureServices(IServiceCollection services) => _faults.Install(services);

    [Fact]
    public async Task Sale_times_outside_a_sane_window_are_refused_naming_the_field()
    {
        var now = DateTimeOffset.UtcNow;
        var yearOne = await CreateAsync("year-one", DateTimeOffset.MinValue, now.AddHours(1));
        var farAhead = await CreateAsync("far-ahead", now.AddYears(6), now.AddYears(6).AddDays(1));
        var tooLong = await CreateAsync("too-long", now.AddMinutes(-1), now.AddYears(2));
        var longest = await CreateAsync("longest", now.AddMinutes(-1), now.AddDays(360));
        var sales = await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales");

        Assert.True(await Marketers.NamesFieldAsync(yearOne, "startsAt"), "a sale starting in year 1 is refused naming startsAt");
        Assert.True(await Marketers.NamesFieldAsync(farAhead, "startsAt"), "a sale starting 6 years ahead is refused naming startsAt");
        Assert.True(await Marketers.NamesFieldAsync(tooLong, "endsAt"), "a sale of two years is refused naming endsAt");
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        Assert.Equal(new[] { "longest" }, sales.EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray());
    }

    [Fact]
    public async Task A_stored_sale_that_started_in_year_one_does_not_break_the_storefront()
    {
        // Stored before sale times were bounded: the shop must still list, show and quote it.
        var grains = Platform.App.Services.GetRequiredService<IGrainFactory>();
        var definition = new SaleDefinition("ancient", "Ancient", DateTimeOffset.MinValue, DateTimeOffset.UtcNow.AddHours(1), ["BR"], 10,
            [new SaleItem("SNEAKER-1", 10, 2, ImmutableDictionary<string, decimal>.Empty.Add("BR", 99.90m), 1)]);
        Assert.Equal(CreateSaleOutcome.Created, await grains.GetGrain<ISaleGrain>("ancient").Create(definition));

        var list = await Platform.Http.GetAsync("/api/sales?region=BR");
        var page = await Platform.Http.GetAsync("/api/sales/ancient?region=BR");
        var quote = await Platform.Http.PostAsJsonAsync("/api/quote", new { saleId = "ancient", sku = "SNEAKER-1", quantity = 1, region = "BR" });

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
        Assert.Equal(99.90m, (await quote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unitPrice").GetProperty("amount").GetDecimal());
    }

    private Task<HttpResponseMessage> CreateAsync(string id, DateTimeOffset startsAt, DateTimeOffset endsAt, int stock = 10) =>
        Marketers.PostAsync(Platform, "/api/admin/sales", new
        {
            id,
            name = $"Sale {id}",
            startsAt,
            endsAt,
            regions = new[] { "BR" },
            items = new[] { new { sku = "SNEAKER-1", stock, perCustomerLimit = 2, salePrices = new { BR = 99.90m } } },
        });

    private static Task<HttpResponseMessage> Order(HttpClient shopper, string saleId, string key) =>
        Shoppers.OrderAsync(shopper, key, new { saleId, sku = "SNEAKER-1", quantity = 1, region = "BR" });

    /// <summary>Tries to buy one unit: null when it could (the order is cancelled again at once), else the refusal's problem type.</summary>
    private static async Task<string?> RefusalAsync(HttpClient shopper, string saleId, string key)
    {
        using var placed = await Order(shopper, saleId, key);
        if (placed.StatusCode != HttpStatusCode.Created)
        {
            return await Marketers.ProblemTypeAsync(placed);
        }
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString();
        (await shopper.PostAsync($"/api/orders/{orderId}/cancel", null)).EnsureSuccessStatusCode();
        return null;
    }
}
