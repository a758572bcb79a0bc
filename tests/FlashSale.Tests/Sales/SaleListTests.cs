using System.Text.Json.Nodes;

namespace FlashSale.Tests.Sales;

/// <summary>
/// The storefront's sale list is built once per region and a fifth of a second for a whole crowd of shoppers; what
/// marketers and shoppers change still shows within moments (the catalog's half second and the list's fifth).
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

    private static int Available(JsonArray sales) => sales[0]!["items"]![0]!["available"]!.GetValue<int>();
}
