using System.Text.Json.Nodes;

namespace FlashSale.Tests.Promos;

/// <summary>The console's promo codes: listed and searched, disabled (shoppers refused) and enabled again.</summary>
public sealed class PromoListTests() : PlatformTest
{
    [Fact]
    public async Task Codes_are_listed_newest_first_and_found_by_part_of_the_code()
    {
        foreach (var code in new[] { "SPRING5", "SUMMER10", "SUMMER20" })
        {
            Assert.Equal(HttpStatusCode.Created, (await Platform.Marketer.PostAsJsonAsync("/api/admin/promo-codes", new { code, kind = "percent", percent = 5 })).StatusCode);
        }

        Assert.Equal(["SUMMER20", "SUMMER10", "SPRING5"], await CodesAsync("/api/admin/promo-codes"));
        Assert.Equal(["SUMMER20", "SUMMER10"], await CodesAsync("/api/admin/promo-codes?search=summer"));
        Assert.Equal(["SUMMER20"], await CodesAsync("/api/admin/promo-codes?search=mer&take=1"));
        Assert.Empty(await CodesAsync("/api/admin/promo-codes?search=WINTER"));
    }

    [Fact]
    public async Task A_disabled_code_is_refused_to_shoppers_until_enabled_again()
    {
        await Shoppers.CreateSaleAsync(Platform, "promo-toggle", stock: 10, limit: 2, "BR");
        (await Platform.Marketer.PostAsJsonAsync("/api/admin/promo-codes", new { code = "TOGGLE10", kind = "percent", percent = 10 })).EnsureSuccessStatusCode();
        using var shopper = await Shoppers.SignInAsync(Platform, "toggle@example.com");
        var line = new { saleId = "promo-toggle", sku = "SNEAKER-1", quantity = 1, region = "BR", promoCode = "TOGGLE10" };

        var disabled = await (await Platform.Marketer.PostAsync("/api/admin/promo-codes/toggle10/disable", null)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((true, false), (disabled!["disabled"]!.GetValue<bool>(), disabled.ContainsKey("perCustomer")));
        var refused = await Shoppers.OrderUntilAsync(shopper, "off", line, HttpStatusCode.UnprocessableEntity, "the disabled code is refused");
        Assert.Equal("disabled", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["reason"]!.GetValue<string>());
        Assert.True((await CodeAsync("TOGGLE10"))["disabled"]!.GetValue<bool>());

        var enabled = await Platform.Marketer.PostAsync("/api/admin/promo-codes/TOGGLE10/enable", null);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.False((await enabled.Content.ReadFromJsonAsync<JsonObject>())!["disabled"]!.GetValue<bool>());
        var held = await Shoppers.OrderUntilAsync(shopper, "on", line, HttpStatusCode.Created, "the enabled code applies again");
        var page = await CodeAsync("TOGGLE10");
        Assert.Equal(1, page["held"]!.GetValue<int>());
        Assert.Equal(1, page["perCustomer"]!.AsObject().Single().Value!.GetValue<int>());
        // The list gives the same totals without a row per shopper.
        var listed = (await Platform.Marketer.GetFromJsonAsync<JsonArray>("/api/admin/promo-codes?search=TOGGLE"))!.Single()!.AsObject();
        Assert.Equal((1, false), (listed["held"]!.GetValue<int>(), listed.ContainsKey("perCustomer")));
    }

    [Fact]
    public async Task A_bad_search_or_take_is_a_400_naming_it_and_an_unknown_code_a_404()
    {
        foreach (var (query, field) in new[] { ("take=0", "take"), ("take=201", "take"), ($"search={new string('A', 41)}", "search"), ("search=a%20b", "search") })
        {
            var response = await Platform.Marketer.GetAsync($"/api/admin/promo-codes?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Platform.Marketer.PostAsync("/api/admin/promo-codes/NOSUCH-CODE/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Platform.Http.GetAsync("/api/admin/promo-codes")).StatusCode);
    }

    private async Task<List<string>> CodesAsync(string path) =>
        (await Platform.Marketer.GetFromJsonAsync<JsonArray>(path))!.Select(c => c!["code"]!.GetValue<string>()).ToList();

    private async Task<JsonObject> CodeAsync(string code) => (await Platform.Marketer.GetFromJsonAsync<JsonObject>($"/api/admin/promo-codes/{code}"))!;
}
