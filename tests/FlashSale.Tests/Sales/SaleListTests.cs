using System.Text.Json.Nodes;

namespace FlashSale.Tests.Sales;

/// <summary>
/// The storefront's sale list is built once per region and a fifth of a second for a whole crowd of shoppers (output
/// caching); what marketers and shoppers change still shows within moments (the catalog's half second and the
/// cache's fifth; a marketer's change through this front end evicts the cached views at once).
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class SaleListTests() : PlatformTest
{
    [Fact]
    public async Task A_marketers_new_sale_and_pause_show_in_the_storefront_within_moments()
    {
        Assert.Empty(await ListAsync("BR"));

        await Shoppers.CreateSaleAsync(Platform, "list-sale", stock: 10, limit: 1, "BR");
        await Eventually.TrueAsync(async () => (await ListAsync("br")).Any(s => s!["id"]!.GetValue<string>() == "list-sale"), "the new sale is listed",
            TimeSpan.FromSeconds(2));

        (await Platform.Marketer.PostAsync("/api/admin/sales/list-sale/pause", null)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await ListAsync("BR"))[0]!["status"]!.GetValue<string>() == "paused", "the sale shows paused",
            TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_marketers_price_change_shows_in_the_list_the_page_and_the_product_within_moments()
    {
        await Shoppers.CreateSaleAsync(Platform, "list-price", stock: 10, limit: 1, "BR");
        // Read everything once, so the views are cached when the price changes.
        Assert.Equal(199.90m, ListPrice((await ListAsync("BR"))[0]!));
        Assert.Equal(199.90m, ListPrice((await Platform.Http.GetFromJsonAsync<JsonObject>("/api/sales/list-price?region=BR"))!));
        Assert.Equal(199.90m, (await ProductAsync())["listPrice"]!["amount"]!.GetValue<decimal>());

        await TestShop.AddProductAsync(Platform.Marketer, "SNEAKER-1", brl: 249.90m);

        await Eventually.TrueAsync(async () => ListPrice((await ListAsync("BR"))[0]!) == 249.90m, "the list shows the new list price", TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(async () => ListPrice((await Platform.Http.GetFromJsonAsync<JsonObject>("/api/sales/list-price?region=BR"))!) == 249.90m,
            "the sale page shows the new list price", TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(async () => (await ProductAsync())["listPrice"]!["amount"]!.GetValue<decimal>() == 249.90m,
            "the product shows the new list price", TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_host_or_query_a_reader_makes_up_gets_the_same_view_and_refusals_are_not_kept()
    {
        await Shoppers.CreateSaleAsync(Platform, "list-vary", stock: 10, limit: 1, "BR", "US");
        using var odd = new HttpRequestMessage(HttpMethod.Get, $"/api/sales?region=BR&x={Guid.NewGuid():N}") { Headers = { Host = "made-up.example" } };
        var br = await (await Platform.Http.SendAsync(odd)).Content.ReadFromJsonAsync<JsonArray>();
        var us = await ListAsync("US");
        // Views vary by region: the US list is in dollars, whatever was read (and cached) for Brazil just before.
        Assert.Equal("BRL", br![0]!["currency"]!.GetValue<string>());
        Assert.Equal("USD", us[0]!["currency"]!.GetValue<string>());
        // A sale asked before it exists is a 404 that is not remembered: once created, it is found.
        Assert.Equal(HttpStatusCode.NotFound, (await Platform.Http.GetAsync("/api/sales/list-later?region=BR")).StatusCode);
        await Shoppers.CreateSaleAsync(Platform, "list-later", stock: 10, limit: 1, "BR");
        await Eventually.TrueAsync(async () => (await Platform.Http.GetAsync("/api/sales/list-later?region=BR")).StatusCode == HttpStatusCode.OK,
            "the new sale's page is found", TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Units_a_shopper_takes_leave_the_list_within_moments()
    {
        await Shoppers.CreateSaleAsync(Platform, "list-stock", stock: 10, limit: 1, "BR");
        Assert.Equal(10, Available(await ListAsync("BR")));

        using var shopper = await Shoppers.SignInAsync(Platform, "lists@example.com");
        var order = await Shoppers.OrderAsync(shopper, "lists-1", new { saleId = "list-stock", sku = "SNEAKER-1", quantity = 1, region = "BR" });
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);

        await Eventually.TrueAsync(async () => Available(await ListAsync("BR")) == 9, "the list shows 9 left", TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_region_the_store_does_not_have_is_refused_naming_the_field()
    {
        foreach (var region in new[] { "ZZ", "B", "BRA", "b%20r", "" })
        {
            var response = await Platform.Http.GetAsync($"/api/sales?region={region}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["region"]);
        }
    }

    [Fact]
    public async Task A_sale_page_follows_the_stock_and_is_found_only_in_its_regions()
    {
        await Shoppers.CreateSaleAsync(Platform, "list-page", stock: 10, limit: 1, "BR");
        Assert.Equal(10, (await Platform.Http.GetFromJsonAsync<JsonObject>("/api/sales/list-page?region=BR"))!["items"]![0]!["available"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await Platform.Http.GetAsync("/api/sales/list-page?region=US")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Platform.Http.GetAsync("/api/sales/no-such-sale?region=BR")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Platform.Http.GetAsync("/api/sales/list-page?region=ZZ")).StatusCode);

        using var shopper = await Shoppers.SignInAsync(Platform, "page@example.com");
        var order = await Shoppers.OrderAsync(shopper, "page-1", new { saleId = "list-page", sku = "SNEAKER-1", quantity = 1, region = "BR" });
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        await Eventually.TrueAsync(
            async () => (await Platform.Http.GetFromJsonAsync<JsonObject>("/api/sales/list-page?region=BR"))!["items"]![0]!["available"]!.GetValue<int>() == 9,
            "the sale page shows 9 left", TimeSpan.FromSeconds(2));
    }

    private async Task<JsonArray> ListAsync(string region) => (await Platform.Http.GetFromJsonAsync<JsonArray>($"/api/sales?region={region}"))!;

    private async Task<JsonObject> ProductAsync() => (await Platform.Http.GetFromJsonAsync<JsonObject>("/api/products/SNEAKER-1?region=BR"))!;

    private static decimal ListPrice(JsonNode sale) => sale["items"]![0]!["listPrice"]!["amount"]!.GetValue<decimal>();

    private static int Available(JsonArray sales) => sales[0]!["items"]![0]!["available"]!.GetValue<int>();
}
