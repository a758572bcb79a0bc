using System.Text.Json;

namespace FlashSale.Tests.Regions;

public sealed class RegionsApiTests
{
    public static TheoryData<Backend> Backends => [Backend.Sqlite, Backend.PostgreSql];

    private static readonly object Brazil = new
    {
        name = "Brasil",
        currency = "BRL",
        taxRate = 0.17m,
        pricesIncludeTax = true,
        shippingFee = 19.90m,
        freeShippingThreshold = 199.00m,
    };

    [Theory, MemberData(nameof(Backends))]
    public async Task A_region_a_marketer_puts_is_still_there_after_a_restart(Backend backend)
    {
        await using var store = await Store.CreateAsync(backend);
        await using (var platform = await Platform.StartAsync(store))
        {
            var created = await platform.Marketer.PutAsJsonAsync("/api/admin/regions/BR", Brazil, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await using var restarted = await Platform.StartAsync(store);
        var regions = await restarted.Http.GetFromJsonAsync<JsonElement>("/api/regions", TestContext.Current.CancellationToken);

        var brazil = Assert.Single(regions.EnumerateArray());
        Assert.Equal("BR", brazil.GetProperty("code").GetString());
        Assert.Equal("BRL", brazil.GetProperty("currency").GetString());
        Assert.Equal(0.17m, brazil.GetProperty("taxRate").GetDecimal());
        Assert.Equal(19.90m, brazil.GetProperty("shippingFee").GetDecimal());
    }

    [Fact]
    public async Task Putting_a_region_again_updates_it()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var platform = await Platform.StartAsync(store);
        await platform.Marketer.PutAsJsonAsync("/api/admin/regions/BR", Brazil, TestContext.Current.CancellationToken);

        var updated = await platform.Marketer.PutAsJsonAsync("/api/admin/regions/br", new
        {
            name = "Brazil",
            currency = "BRL",
            taxRate = 0.2m,
            pricesIncludeTax = true,
            shippingFee = 0m,
        }, TestContext.Current.CancellationToken);
        var regions = await platform.Http.GetFromJsonAsync<JsonElement>("/api/regions", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var brazil = Assert.Single(regions.EnumerateArray());
        Assert.Equal("Brazil", brazil.GetProperty("name").GetString());
        Assert.Equal(0.2m, brazil.GetProperty("taxRate").GetDecimal());
    }

    [Theory]
    [InlineData("XX", """{"name":"Nowhere","currency":"USD","taxRate":0.1,"pricesIncludeTax":false,"shippingFee":5}""", "code")]
    [InlineData("BR", """{"name":"Brasil","currency":"BRX","taxRate":0.1,"pricesIncludeTax":true,"shippingFee":5}""", "currency")]
    [InlineData("BR", """{"name":"Brasil","currency":"BRL","taxRate":1.5,"pricesIncludeTax":true,"shippingFee":5}""", "taxRate")]
    [InlineData("BR", """{"name":"Brasil","currency":"BRL","taxRate":0.17,"pricesIncludeTax":true,"shippingFee":10.005}""", "shippingFee")]
    [InlineData("JP", """{"name":"Japan","currency":"JPY","taxRate":0.1,"pricesIncludeTax":true,"shippingFee":10.5}""", "shippingFee")]
    [InlineData("BR", """{"name":"Brasil","currency":"BRL","taxRate":0.17,"pricesIncludeTax":true,"shippingFee":-1}""", "shippingFee")]
    [InlineData("BR", """{"name":"Brasil","currency":"BRL","taxRate":"high","pricesIncludeTax":true,"shippingFee":5}""", "taxRate")]
    [InlineData("BR", """{"name":"Brasil","currency":"BRL","taxRate":0.17,"pricesIncludeTax":true,"shippingFee":5,"version":9}""", "version")]
    [InlineData("BR", """{"currency":"BRL","taxRate":0.17,"pricesIncludeTax":true,"shippingFee":5}""", "name")]
    [InlineData("BR", """{"name":"Brasil",""", "body")]
    [InlineData("BR", """{"name":""", "name")]
    [InlineData("BR", """[]""", "body")]
    public async Task Bad_region_input_is_refused_naming_the_field_and_stores_nothing(string code, string body, string field)
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var platform = await Platform.StartAsync(store);

        var response = await platform.Marketer.PutAsync(
            $"/api/admin/regions/{code}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var regions = await platform.Http.GetFromJsonAsync<JsonElement>("/api/regions", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/problems/validation", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Empty(regions.EnumerateArray());
    }

    [Fact]
    public async Task Region_changes_need_the_marketer_key()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var platform = await Platform.StartAsync(store);

        var missing = await platform.Http.PutAsJsonAsync("/api/admin/regions/BR", Brazil, TestContext.Current.CancellationToken);
        using var wrong = new HttpRequestMessage(HttpMethod.Put, "/api/admin/regions/BR") { Content = JsonContent.Create(Brazil) };
        wrong.Headers.Add("X-Api-Key", "not-the-key-at-all");
        var wrongResponse = await platform.Http.SendAsync(wrong, TestContext.Current.CancellationToken);
        var regions = await platform.Http.GetFromJsonAsync<JsonElement>("/api/regions", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Equal("/problems/unauthorized",
            (await wrongResponse.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("type").GetString());
        Assert.Empty(regions.EnumerateArray());
    }
}
