using System.Globalization;
using System.Text.Json;
using static FlashSale.Tests.Marketplace.MarketplaceShop;

namespace FlashSale.Tests.Marketplace;

/// <summary>Where an item ships from and when it arrives, on sale items, product pages, quotes and region settings.</summary>
public sealed class DeliveryApiTests : PlatformTest
{
    [Fact]
    public async Task Sale_items_carry_their_origin_the_local_flag_and_the_region_window_for_that_origin()
    {
        // Brazil promises 1-4 days from home, 10-30 from abroad; the US keeps the defaults (2-5, 15-45).
        var brazil = await Platform.Marketer.PutAsJsonAsync("/api/admin/regions/BR", new
        {
            name = "Brasil", currency = "BRL", taxRate = 0.17m, pricesIncludeTax = true, shippingFee = 19.90m, freeShippingThreshold = 199m,
            deliveryDays = new { domestic = new[] { 1, 4 }, crossBorder = new[] { 10, 30 } },
        });
        await CreateSaleAsync(Platform, "deliver");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var br = await Platform.Http.GetFromJsonAsync<JsonElement>("/api/sales/deliver?region=BR");
        var us = await Platform.Http.GetFromJsonAsync<JsonElement>("/api/sales/deliver?region=US");
        var page = await Platform.Http.GetFromJsonAsync<JsonElement>("/api/products/IMPORT-1?region=BR");
        var quote = await Platform.Http.PostAsJsonAsync("/api/quote", new { saleId = "deliver", sku = "LOCAL-1", quantity = 1, region = "BR" });
        var regions = await Platform.Http.GetFromJsonAsync<JsonElement>("/api/regions");

        Assert.Equal(HttpStatusCode.OK, brazil.StatusCode);
        Assert.Equal(("BR", true), (Item(br, "LOCAL-1").GetProperty("shipsFrom").GetString(), Item(br, "LOCAL-1").GetProperty("local").GetBoolean()));
        Assert.Equal(Window(today, 1, 4), Window(Item(br, "LOCAL-1")));
        Assert.Equal(("CN", false), (Item(br, "IMPORT-1").GetProperty("shipsFrom").GetString(), Item(br, "IMPORT-1").GetProperty("local").GetBoolean()));
        Assert.Equal(Window(today, 10, 30), Window(Item(br, "IMPORT-1")));
        // Seen from the US both ship from abroad, in the defaults.
        Assert.False(Item(us, "LOCAL-1").GetProperty("local").GetBoolean());
        Assert.Equal(Window(today, 15, 45), Window(Item(us, "LOCAL-1")));
        Assert.Equal(Window(today, 10, 30), Window(page));
        Assert.Equal("CN", page.GetProperty("shipsFrom").GetString());
        var quoted = await JsonAsync(quote);
        Assert.Equal("BR", quoted.GetProperty("shipsFrom").GetString());
        Assert.Equal(Window(today, 1, 4), Window(quoted));
        var us_ = regions.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "US");
        Assert.Equal("[2,5]", us_.GetProperty("deliveryDays").GetProperty("domestic").GetRawText());
        Assert.Equal(15, us_.GetProperty("protectionDays").GetInt32());
    }

    [Fact]
    public async Task Bad_delivery_days_and_origins_are_refused_naming_the_field_and_change_nothing()
    {
        var inverted = await Platform.Marketer.PutAsJsonAsync("/api/admin/regions/BR", new
        {
            name = "Brasil", currency = "BRL", taxRate = 0.17m, pricesIncludeTax = true, shippingFee = 1m,
            deliveryDays = new { domestic = new[] { 5, 2 }, crossBorder = new[] { 15 } },
            protectionDays = -1,
        });
        var origin = await Platform.Marketer.PutAsJsonAsync("/api/admin/products/SNEAKER-1", new
        {
            name = "x", category = "shoes", shipsFrom = "XX", listPrices = new Dictionary<string, decimal> { ["BR"] = 1m },
        });
        var regions = await Platform.Http.GetFromJsonAsync<JsonElement>("/api/regions");
        var product = await Platform.Http.GetFromJsonAsync<JsonElement>("/api/products/SNEAKER-1?region=BR");

        Assert.Equal(HttpStatusCode.BadRequest, inverted.StatusCode);
        var errors = (await JsonAsync(inverted)).GetProperty("errors");
        Assert.Equal(["deliveryDays.crossBorder", "deliveryDays.domestic", "protectionDays"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.True(await Marketers.NamesFieldAsync(origin, "shipsFrom"));
        Assert.Equal(19.90m, regions.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "BR").GetProperty("shippingFee").GetDecimal());
        Assert.Equal(199.90m, Amount(product.GetProperty("listPrice")));
    }

    private static (DateOnly, DateOnly) Window(DateOnly day, int min, int max) => (day.AddDays(min), day.AddDays(max));

    private static (DateOnly, DateOnly) Window(JsonElement item)
    {
        var by = item.GetProperty("deliveryBy");
        return (DateOnly.Parse(by.GetProperty("earliest").GetString()!, CultureInfo.InvariantCulture),
            DateOnly.Parse(by.GetProperty("latest").GetString()!, CultureInfo.InvariantCulture));
    }
}
