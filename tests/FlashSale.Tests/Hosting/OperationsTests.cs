using System.Text.Json;

namespace FlashSale.Tests.Hosting;

public sealed class OperationsTests
{
    [Fact]
    public async Task The_contract_is_published_with_every_outcome_and_a_reference_page_that_needs_no_network()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var platform = await Platform.StartAsync(store);

        var document = await platform.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var reference = await platform.Http.GetStringAsync("/scalar/v1");
        var orders = document.GetProperty("paths").GetProperty("/api/orders").GetProperty("post").GetProperty("responses");

        Assert.All(new[] { "201", "400", "401", "404", "409", "422", "429", "503" }, status => Assert.True(orders.TryGetProperty(status, out _), status));
        Assert.DoesNotContain("https://", string.Join(' ', System.Text.RegularExpressions.Regex.Matches(reference, "src=\"([^\"]*)\"").Select(m => m.Groups[1].Value)));
        Assert.Equal(HttpStatusCode.OK, (await platform.Http.GetAsync("/scalar/scalar.js")).StatusCode);
    }

    [Fact]
    public async Task Metrics_count_holds_and_refusals_for_a_scraper_with_the_marketer_key_and_nobody_else()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var platform = await Platform.StartAsync(store);
        await TestShop.AddRegionsAsync(platform.Marketer);
        await TestShop.AddProductAsync(platform.Marketer, "SNEAKER-1");
        await Shoppers.CreateSaleAsync(platform, "metrics", stock: 1, limit: 1, "BR");
        using var first = await Shoppers.SignInAsync(platform, "m1@example.com");
        using var second = await Shoppers.SignInAsync(platform, "m2@example.com");
        var body = new { saleId = "metrics", sku = "SNEAKER-1", quantity = 1, region = "BR" };

        await Shoppers.OrderAsync(first, "a", body);
        await Shoppers.OrderAsync(second, "a", body);

        var anonymous = await platform.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("/problems/unauthorized", (await anonymous.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        await Eventually.TrueAsync(async () =>
        {
            var metrics = await platform.Marketer.GetStringAsync("/metrics");
            return metrics.Contains("flashsale_holds_total", StringComparison.Ordinal)
                && metrics.Contains("flashsale_rejections_total{otel_scope_name=\"FlashSale\",reason=\"soldOut\"}", StringComparison.Ordinal)
                && metrics.Contains("orleans_", StringComparison.Ordinal);
        }, "the scrape shows holds, sold-out refusals and Orleans' own metrics");
    }
}
