using System.Text.Json;

namespace FlashSale.Tests.Promos;

/// <summary>Promo codes through HTTP, on the platform with PostgreSQL storage.</summary>
public sealed class PromoApiTests() : PlatformTest(Backend.PostgreSql)
{
    [Fact]
    public async Task A_quote_with_a_code_shows_the_discount_or_why_not()
    {
        await Create(new { code = "Welcome10", kind = "percent", percent = 10, minSubtotal = new Dictionary<string, decimal> { ["BR"] = 300m } });

        var small = await Quote(1, " welcome10 ");
        var big = await Quote(2, "WELCOME10");

        Assert.False(small.GetProperty("promo").GetProperty("applied").GetBoolean());
        Assert.Equal("min-subtotal", small.GetProperty("promo").GetProperty("reason").GetString());
        Assert.True(big.GetProperty("promo").GetProperty("applied").GetBoolean());
        Assert.Equal("WELCOME10", big.GetProperty("promo").GetProperty("code").GetString());
        Assert.Equal(39.98m, big.GetProperty("discount").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Bad_codes_are_refused_naming_the_field_and_an_existing_code_conflicts()
    {
        var bad = await Platform.Marketer.PostAsJsonAsync("/api/admin/promo-codes", new
        {
            code = "X",
            kind = "amount",
            amounts = new Dictionary<string, decimal> { ["BR"] = 10.001m, ["FR"] = 5m },
        });
        await Create(new { code = "TWICE", kind = "freeShipping" });
        var again = await Platform.Marketer.PostAsJsonAsync("/api/admin/promo-codes", new { code = "twice", kind = "percent", percent = 50 });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.All(new[] { "code", "amounts.BR", "amounts.FR" }, field => Assert.True(errors.TryGetProperty(field, out _), $"{field} in {errors}"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("freeShipping", (await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/promo-codes/TWICE")).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_batch_of_ten_thousand_codes_is_all_distinct_and_each_code_works_once()
    {
        var response = await Platform.Marketer.PostAsJsonAsync("/api/admin/promo-codes/batch", new
        {
            prefix = "bf",
            count = 10_000,
            template = new { kind = "amount", amounts = new Dictionary<string, decimal> { ["BR"] = 20m }, maxRedemptions = 50 },
        });
        var batch = await response.Content.ReadFromJsonAsync<JsonElement>();
        var codes = batch.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        await Shoppers.CreateSaleAsync(Platform, "batch-sale", stock: 1000, limit: 100, "BR");
        using var shopper = await Shoppers.SignInAsync(Platform, "batch@example.com");

        var sample = codes.Take(20).ToList();
        var firstUse = await Task.WhenAll(sample.Select((code, i) => Order(shopper, $"first-{i}", code)));
        var secondUse = await Task.WhenAll(sample.Select((code, i) => Order(shopper, $"second-{i}", code)));
        var view = await Platform.Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/promo-codes/{sample[0]}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(10_000, codes.Count);
        Assert.Equal(10_000, codes.Distinct().Count());
        Assert.All(codes, code => Assert.StartsWith("BF-", code));
        Assert.All(firstUse, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.All(secondUse, r => Assert.Equal(422, (int)r.StatusCode));
        Assert.Equal(1, view.GetProperty("maxRedemptions").GetInt32());
        Assert.Equal(1, view.GetProperty("held").GetInt32());
    }

    private async Task Create(object body) =>
        Assert.Equal(HttpStatusCode.Created, (await Platform.Marketer.PostAsJsonAsync("/api/admin/promo-codes", body)).StatusCode);

    private async Task<JsonElement> Quote(int quantity, string code)
    {
        var response = await Platform.Http.PostAsJsonAsync("/api/quote", new { sku = "SNEAKER-1", quantity, region = "BR", promoCode = code });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }



    private static Task<HttpResponseMessage> Order(HttpClient shopper, string key, string code) =>
        Shoppers.OrderAsync(shopper, key, new { saleId = "batch-sale", sku = "SNEAKER-1", quantity = 1, region = "BR", promoCode = code });
}
