using System.Text.Json;

namespace FlashSale.Tests.Pricing;

public sealed class QuoteApiTests() : PlatformTest(seedProduct: false)
{
    [Fact]
    public async Task A_quote_is_in_the_region_currency_with_tax_and_shipping_as_the_contract_says()
    {
        await TestShop.AddProductAsync(Platform.Marketer, "SNEAKER-1");

        var us = await Quote(new { sku = "SNEAKER-1", quantity = 2, region = "US" });
        var jp = await Quote(new { sku = "SNEAKER-1", quantity = 1, region = "jp" });

        Assert.Equal(HttpStatusCode.OK, us.Status);
        Assert.Equal(("USD", 39.99m, 79.98m, 0m, 6.40m, 86.38m), Amounts(us.Body));
        Assert.Equal(("JPY", 4980m, 4980m, 500m, 498m, 5480m), Amounts(jp.Body));
        Assert.Equal(JsonValueKind.Null, us.Body.GetProperty("promo").ValueKind);
    }

    [Fact]
    public async Task A_new_list_price_is_quoted_from_then_on()
    {
        await TestShop.AddProductAsync(Platform.Marketer, "CAP-1", usd: 20m);
        await TestShop.AddProductAsync(Platform.Marketer, "CAP-1", usd: 25m);

        var quote = await Quote(new { sku = "CAP-1", quantity = 1, region = "US" });

        Assert.Equal(25m, quote.Body.GetProperty("unitPrice").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_code_the_store_does_not_know_is_reported_and_changes_nothing()
    {
        await TestShop.AddProductAsync(Platform.Marketer, "SNEAKER-2");

        var quote = await Quote(new { sku = "SNEAKER-2", quantity = 1, region = "BR", promoCode = "NOPE10" });

        var promo = quote.Body.GetProperty("promo");
        Assert.False(promo.GetProperty("applied").GetBoolean());
        Assert.Equal("unknown", promo.GetProperty("reason").GetString());
        Assert.Equal(0m, quote.Body.GetProperty("discount").GetProperty("amount").GetDecimal());
    }

    [Theory]
    [InlineData("""{"sku":"GHOST","quantity":1,"region":"US"}""", 404, "/problems/not-found", null)]
    [InlineData("""{"sku":"SNEAKER-3","quantity":1,"region":"DE"}""", 400, "/problems/validation", "region")]
    [InlineData("""{"sku":"SNEAKER-3","quantity":1,"region":"ZZ"}""", 400, "/problems/validation", "region")]
    [InlineData("""{"sku":"SNEAKER-3","quantity":0,"region":"US"}""", 400, "/problems/validation", "quantity")]
    [InlineData("""{"sku":"SNEAKER-3","quantity":1000000000000,"region":"US"}""", 400, "/problems/validation", "quantity")]
    [InlineData("""{"sku":"SNEAKER-3","quantity":1,"region":"US","unitPrice":0.01}""", 400, "/problems/validation", "unitPrice")]
    [InlineData("""{"sku":"SNEAKER-3","quantity":1,"region":"US","saleId":"no-such-sale"}""", 404, "/problems/not-found", null)]
    [InlineData("""{"quantity":1,"region":"US"}""", 400, "/problems/validation", "sku")]
    public async Task Quotes_that_cannot_be_made_say_why(string body, int status, string type, string? field)
    {
        await TestShop.AddProductAsync(Platform.Marketer, "SNEAKER-3");

        var response = await Platform.Http.PostAsync("/api/quote", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(type, problem.GetProperty("type").GetString());
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        }
    }

    [Theory]
    [InlineData("""{"name":"X","category":"c","listPrices":{"FR":10}}""", "listPrices.FR")]
    [InlineData("""{"name":"X","category":"c","listPrices":{"BR":10.005}}""", "listPrices.BR")]
    [InlineData("""{"name":"X","category":"c","listPrices":{"JP":10.5}}""", "listPrices.JP")]
    [InlineData("""{"name":"X","category":"c","listPrices":{"US":-3}}""", "listPrices.US")]
    [InlineData("""{"name":"X","category":"c","listPrices":{}}""", "listPrices")]
    [InlineData("""{"name":"X","category":"c","listPrices":{"US":"ten"}}""", "listPrices.US")]
    [InlineData("""{"name":"X","category":"c","imageUrl":"javascript:alert(1)","listPrices":{"US":10}}""", "imageUrl")]
    [InlineData("""{"category":"c","listPrices":{"US":10}}""", "name")]
    public async Task Bad_products_are_refused_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var response = await Platform.Marketer.PutAsync("/api/admin/products/BAD-1", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var products = await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/products");
        var quote = await Platform.Http.PostAsJsonAsync("/api/quote", new { sku = "BAD-1", quantity = 1, region = "US" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Empty(products.EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, quote.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Quote(object body)
    {
        var response = await Platform.Http.PostAsJsonAsync("/api/quote", body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static (string, decimal, decimal, decimal, decimal, decimal) Amounts(JsonElement quote) => (
        quote.GetProperty("total").GetProperty("currency").GetString()!,
        quote.GetProperty("unitPrice").GetProperty("amount").GetDecimal(),
        quote.GetProperty("subtotal").GetProperty("amount").GetDecimal(),
        quote.GetProperty("shipping").GetProperty("amount").GetDecimal(),
        quote.GetProperty("tax").GetProperty("amount").GetDecimal(),
        quote.GetProperty("total").GetProperty("amount").GetDecimal());
}
