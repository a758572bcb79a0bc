using System.Text.Json;
using static FlashSale.Tests.Marketplace.MarketplaceShop;

namespace FlashSale.Tests.Marketplace;

/// <summary>Reviews come only from delivered orders, once each; products show the mean and count, without hidden reviews.</summary>
public sealed class ReviewTests : PlatformTest
{
    [Fact]
    public async Task Only_a_delivered_order_of_its_owner_can_review_and_only_once()
    {
        await CreateSaleAsync(Platform, "rev");
        using var ana = await Shoppers.SignInAsync(Platform, "ana@example.com");
        using var bob = await Shoppers.SignInAsync(Platform, "bob@example.com");
        var orderId = await PaidOrderAsync(ana, "rev", "LOCAL-1");

        var beforeDelivery = await Review(ana, orderId, 5, "Fast!");
        await ShipAsync(Platform, orderId);
        await DeliverAsync(Platform, orderId);
        var byStranger = await Review(bob, orderId, 1, "Spam");
        var outOfRange = await Review(ana, orderId, 6, "Great");
        var tooLong = await Review(ana, orderId, 5, new string('a', 501));
        var posted = await Review(ana, orderId, 5, "Fast and well packed.");
        var retried = await Review(ana, orderId, 5, "Fast and well packed.");
        var second = await Review(ana, orderId, 1, "Changed my mind.");
        var reviews = await Platform.Http.GetFromJsonAsync<JsonElement>("/api/products/LOCAL-1/reviews");

        Assert.Equal("/problems/order-not-delivered", await Marketers.ProblemTypeAsync(beforeDelivery));
        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.True(await Marketers.NamesFieldAsync(outOfRange, "rating"));
        Assert.True(await Marketers.NamesFieldAsync(tooLong, "text"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("/problems/already-reviewed", await Marketers.ProblemTypeAsync(second));
        var review = Assert.Single(reviews.GetProperty("reviews").EnumerateArray());
        Assert.Equal((5, "Fast and well packed."), (review.GetProperty("rating").GetInt32(), review.GetProperty("text").GetString()));
        Assert.False((await TimelineAsync(ana, orderId)).GetProperty("canReview").GetBoolean());
    }

    [Fact]
    public async Task Cards_and_pages_show_the_mean_and_count_of_visible_reviews()
    {
        await CreateSaleAsync(Platform, "avg");
        var ratings = new[] { 5, 4, 2 };
        var orders = new List<string>();
        foreach (var (rating, i) in ratings.Select((r, i) => (r, i)))
        {
            using var shopper = await Shoppers.SignInAsync(Platform, $"buyer{i}@example.com");
            var orderId = await PaidOrderAsync(shopper, "avg", "IMPORT-1");
            await ShipAsync(Platform, orderId);
            await DeliverAsync(Platform, orderId);
            Assert.Equal(HttpStatusCode.OK, (await Review(shopper, orderId, rating, $"Rated {rating}")).StatusCode);
            orders.Add(orderId);
        }

        // (5 + 4 + 2) / 3 = 3.67 over 3 reviews; hiding the 2 leaves (5 + 4) / 2 = 4.5 over 2.
        await Eventually.TrueAsync(async () => await CardRating() == (3.67m, 3), "the card shows 3.67 over 3");
        Assert.Equal((3.67m, 3), await PageRating());
        var hidden = await Platform.Marketer.PostAsJsonAsync($"/api/admin/reviews/{orders[2]}/hide", new { hidden = true });
        await Eventually.TrueAsync(async () => await CardRating() == (4.5m, 2), "the card drops the hidden review");
        var listed = await Platform.Http.GetFromJsonAsync<JsonElement>("/api/products/IMPORT-1/reviews");
        var console = await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/reviews?sku=IMPORT-1");

        Assert.Equal(HttpStatusCode.OK, hidden.StatusCode);
        Assert.Equal((4.5m, 2), await PageRating());
        Assert.DoesNotContain(listed.GetProperty("reviews").EnumerateArray(), r => r.GetProperty("rating").GetInt32() == 2);
        Assert.Equal(3, console.GetArrayLength());
        Assert.True(console.EnumerateArray().Single(r => r.GetProperty("orderId").GetString() == orders[2]).GetProperty("hidden").GetBoolean());
    }

    private async Task<(decimal, int)> CardRating()
    {
        var sale = await Platform.Http.GetFromJsonAsync<JsonElement>("/api/sales/avg?region=BR");
        var rating = Item(sale, "IMPORT-1").GetProperty("rating");
        return (rating.GetProperty("average").GetDecimal(), rating.GetProperty("count").GetInt32());
    }

    private async Task<(decimal, int)> PageRating()
    {
        var rating = (await Platform.Http.GetFromJsonAsync<JsonElement>("/api/products/IMPORT-1?region=BR")).GetProperty("rating");
        return (rating.GetProperty("average").GetDecimal(), rating.GetProperty("count").GetInt32());
    }

    private static Task<HttpResponseMessage> Review(HttpClient shopper, string orderId, int rating, string text) =>
        shopper.PostAsJsonAsync($"/api/orders/{orderId}/review", new { rating, text });
}
