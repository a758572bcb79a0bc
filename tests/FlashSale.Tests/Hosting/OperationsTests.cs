using System.Text.Json;

namespace FlashSale.Tests.Hosting;

[Collection(AloneCollection.Name)]
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

    /// <summary>
    /// The platform's meter is static: every platform in this test process feeds it. This test runs in a collection of its
    /// own that never runs beside another (<see cref="AloneCollection"/>), so the counters move by what it did and nothing
    /// else, and it reads the change from before to after, not a total others may have made.
    /// </summary>
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
        using var third = await Shoppers.SignInAsync(platform, "m3@example.com");
        var body = new { saleId = "metrics", sku = "SNEAKER-1", quantity = 1, region = "BR" };
        var before = await platform.Marketer.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.Created, (await Shoppers.OrderAsync(first, "a", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Shoppers.OrderAsync(second, "a", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Shoppers.OrderAsync(third, "a", body)).StatusCode);

        var anonymous = await platform.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("/problems/unauthorized", (await anonymous.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        const string Holds = "flashsale_holds_total{otel_scope_name=\"FlashSale\"}";
        const string SoldOut = "flashsale_rejections_total{otel_scope_name=\"FlashSale\",reason=\"soldOut\"}";
        var after = "";
        await Eventually.TrueAsync(async () =>
        {
            after = await platform.Marketer.GetStringAsync("/metrics");
            return Value(after, Holds) - Value(before, Holds) == 1 && Value(after, SoldOut) - Value(before, SoldOut) == 2
                && after.Contains("orleans_", StringComparison.Ordinal);
        }, () => $"the scrape shows 1 more hold ({Value(before, Holds)} -> {Value(after, Holds)}), 2 more sold-out refusals " +
                 $"({Value(before, SoldOut)} -> {Value(after, SoldOut)}) and Orleans' own metrics");
    }

    /// <summary>A series' value in a Prometheus scrape (0 when it is not there yet).</summary>
    private static double Value(string scrape, string series) =>
        scrape.Split('\n').FirstOrDefault(line => line.StartsWith(series + " ", StringComparison.Ordinal)) is { } line
            ? double.Parse(line[(series.Length + 1)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
            : 0;
}
