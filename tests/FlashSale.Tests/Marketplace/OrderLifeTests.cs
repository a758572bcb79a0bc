using System.Text;
using System.Text.Json;
using static FlashSale.Tests.Marketplace.MarketplaceShop;

namespace FlashSale.Tests.Marketplace;

/// <summary>A paid order ships and is delivered, one at a time or by CSV, and the shopper sees each step with its time.</summary>
public sealed class OrderLifeTests : PlatformTest
{
    [Fact]
    public async Task The_shopper_sees_paid_shipped_and_delivered_with_the_tracking_reference_and_times()
    {
        await CreateSaleAsync(Platform, "life");
        using var ana = await Shoppers.SignInAsync(Platform, "ana@example.com");
        var orderId = await PaidOrderAsync(ana, "life", "IMPORT-1");

        var paid = await TimelineAsync(ana, orderId);
        var deliverEarly = await DeliverAsync(Platform, orderId);
        var shipped = await ShipAsync(Platform, orderId, "LB123456789CN");
        var shippedAgain = await ShipAsync(Platform, orderId, "LB123456789CN");
        var delivered = await DeliverAsync(Platform, orderId);
        var timeline = await TimelineAsync(ana, orderId);

        Assert.Equal("paid", paid.GetProperty("stage").GetString());
        Assert.Equal(["placed", "paid"], Kinds(paid));
        Assert.Equal(409, (int)deliverEarly.StatusCode);
        Assert.Equal("/problems/order-stage-invalid", await Marketers.ProblemTypeAsync(deliverEarly));
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shippedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal("delivered", timeline.GetProperty("stage").GetString());
        Assert.Equal("LB123456789CN", timeline.GetProperty("tracking").GetString());
        Assert.Equal(["placed", "paid", "shipped", "delivered"], Kinds(timeline));
        var times = timeline.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.True(times[^1] <= DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(timeline.GetProperty("canReview").GetBoolean());
    }

    [Fact]
    public async Task Only_the_owner_reads_a_timeline_and_an_unpaid_order_has_none()
    {
        await CreateSaleAsync(Platform, "own");
        using var ana = await Shoppers.SignInAsync(Platform, "ana@example.com");
        using var bob = await Shoppers.SignInAsync(Platform, "bob@example.com");
        var orderId = await PaidOrderAsync(ana, "own", "LOCAL-1");
        var held = await Shoppers.OrderAsync(ana, "unpaid", new { saleId = "own", sku = "LOCAL-1", quantity = 1, region = "BR" });
        var heldId = (await JsonAsync(held)).GetProperty("orderId").GetString();

        var stranger = await bob.GetAsync($"/api/orders/{orderId}/timeline");
        var unpaid = await ana.GetAsync($"/api/orders/{heldId}/timeline");
        var shipUnpaid = await ShipAsync(Platform, heldId!);
        var nonsense = await ShipAsync(Platform, "not-an-order");
        var noTracking = await Platform.Marketer.PostAsJsonAsync($"/api/admin/orders/{orderId}/ship", new { tracking = "" });

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(409, (int)unpaid.StatusCode);
        Assert.Equal("/problems/order-not-paid", await Marketers.ProblemTypeAsync(unpaid));
        Assert.Equal("/problems/order-not-paid", await Marketers.ProblemTypeAsync(shipUnpaid));
        Assert.Equal(HttpStatusCode.NotFound, nonsense.StatusCode);
        Assert.True(await Marketers.NamesFieldAsync(noTracking, "tracking"));
        Assert.Equal("paid", (await TimelineAsync(ana, orderId)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_csv_of_shipments_applies_every_good_row_and_names_the_lines_it_could_not()
    {
        await CreateSaleAsync(Platform, "bulk");
        using var ana = await Shoppers.SignInAsync(Platform, "ana@example.com");
        var first = await PaidOrderAsync(ana, "bulk", "IMPORT-1");
        var second = await PaidOrderAsync(ana, "bulk", "LOCAL-1");
        var csv = $"orderId,status,tracking\n{first},shipped,TRK-1\n{second},shipped,TRK-2\n{second},delivered,\nnope,shipped,TRK-3\n{first},lost,\n";

        var response = await Platform.Marketer.PostAsync("/api/admin/orders/shipments", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var result = await JsonAsync(response);
        var again = await JsonAsync(await Platform.Marketer.PostAsync("/api/admin/orders/shipments", new StringContent(csv, Encoding.UTF8, "text/csv")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, result.GetProperty("applied").GetInt32());
        Assert.Equal([5, 6], result.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal("shipped", (await TimelineAsync(ana, first)).GetProperty("stage").GetString());
        Assert.Equal("TRK-1", (await TimelineAsync(ana, first)).GetProperty("tracking").GetString());
        Assert.Equal("delivered", (await TimelineAsync(ana, second)).GetProperty("stage").GetString());
        // The same file again: the rows that applied change nothing more; a delivered order cannot be "shipped" again.
        Assert.Equal("delivered", (await TimelineAsync(ana, second)).GetProperty("stage").GetString());
        Assert.Contains(again.GetProperty("errors").EnumerateArray(), e => e.GetProperty("line").GetInt32() == 3
            && e.GetProperty("type").GetString() == "/problems/order-stage-invalid");
    }

    [Fact]
    public async Task The_openapi_document_lists_the_marketplace_endpoints_with_their_outcomes()
    {
        var paths = (await Platform.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        Assert.All(new[] { "200", "400", "401", "404", "409", "503" }, status =>
            Assert.True(paths.GetProperty("/api/orders/{id}/dispute").GetProperty("post").GetProperty("responses").TryGetProperty(status, out _), status));
        Assert.All(new[] { "200", "400", "404", "409", "422", "503" }, status =>
            Assert.True(paths.GetProperty("/api/admin/orders/{id}/refunds").GetProperty("post").GetProperty("responses").TryGetProperty(status, out _), status));
        Assert.True(paths.GetProperty("/api/admin/orders/shipments").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _));
        Assert.True(paths.TryGetProperty("/api/orders/{id}/timeline", out _));
        Assert.True(paths.TryGetProperty("/api/products/{sku}/reviews", out _));
    }
}
