using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FlashSale.Tests.Marketplace.MarketplaceShop;

namespace FlashSale.Tests.Marketplace;

/// <summary>Buyer protection: disputes within the window by the order's owner, refunds capped and applied once, the restock rule, automatic refunds.</summary>
public sealed class DisputeRefundTests : PlatformTest
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new ShopClock(_clock));

    [Fact]
    public async Task Only_the_owner_opens_a_dispute_and_only_until_the_protection_window_ends()
    {
        await CreateSaleAsync(Platform, "protect", now: _clock.GetUtcNow());
        using var ana = await Shoppers.SignInAsync(Platform, "ana@example.com");
        using var bob = await Shoppers.SignInAsync(Platform, "bob@example.com");
        var inTime = await PaidOrderAsync(ana, "protect", "LOCAL-1");
        var late = await PaidOrderAsync(ana, "protect", "IMPORT-1");
        var protectionEnds = (await TimelineAsync(ana, late)).GetProperty("protectionEndsAt").GetDateTimeOffset();

        var byStranger = await DisputeAsync(bob, inTime);
        var noReason = await DisputeAsync(ana, inTime, reason: "changed-my-mind");
        var opened = await DisputeAsync(ana, inTime, message: "The lid is cracked.", reason: "not-as-described");
        var twice = await DisputeAsync(ana, inTime, message: "Something else.");
        _clock.SetUtcNow(protectionEnds);
        var tooLate = await DisputeAsync(ana, late);
        var board = await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/disputes");

        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.True(await Marketers.NamesFieldAsync(noReason, "reason"));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("open", (await JsonAsync(opened)).GetProperty("dispute").GetProperty("status").GetString());
        Assert.Equal("/problems/dispute-exists", await Marketers.ProblemTypeAsync(twice));
        Assert.Equal(409, (int)tooLate.StatusCode);
        Assert.Equal("/problems/dispute-window-closed", await Marketers.ProblemTypeAsync(tooLate));
        // CN to BR: 45 days at most, then 15 days of protection, from the day of payment.
        Assert.Equal(DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime), DateOnly.FromDateTime(protectionEnds.UtcDateTime));
        var entry = Assert.Single(board.EnumerateArray());
        Assert.Equal((inTime, "not-as-described", "The lid is cracked."), (entry.GetProperty("orderId").GetString(),
            entry.GetProperty("dispute").GetProperty("reason").GetString(), entry.GetProperty("dispute").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Refunds_add_up_to_at_most_what_was_paid_and_a_retry_refunds_once()
    {
        await CreateSaleAsync(Platform, "refund", now: _clock.GetUtcNow());
        using var ana = await Shoppers.SignInAsync(Platform, "ana@example.com");
        var orderId = await PaidOrderAsync(ana, "refund", "IMPORT-1", quantity: 2);
        Assert.Equal(HttpStatusCode.OK, (await ShipAsync(Platform, orderId)).StatusCode);
        var paid = Amount((await TimelineAsync(ana, orderId)).GetProperty("paid"));

        var first = await RefundAsync(Platform, orderId, "r1", 50.00m);
        var retried = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RefundAsync(Platform, orderId, "r1", 50.00m)));
        var sameKeyOtherAmount = await RefundAsync(Platform, orderId, "r1", 10.00m);
        var tooMuch = await RefundAsync(Platform, orderId, "r2", paid - 50.00m + 0.01m);
        var tooPrecise = await RefundAsync(Platform, orderId, "r3", 1.001m);
        var rest = await RefundAsync(Platform, orderId, "r4", null);
        var nothingLeft = await RefundAsync(Platform, orderId, "r5", 0.01m);
        var noKey = await Platform.Marketer.PostAsJsonAsync($"/api/admin/orders/{orderId}/refunds", new { amount = 1m, reason = "x" });
        var journey = await TimelineAsync(ana, orderId);

        Assert.Equal(179.90m, paid); // 2 x 80.00, under the 199.00 for free shipping: + 19.90 (prices include tax)
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.All(retried, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(422, (int)sameKeyOtherAmount.StatusCode);
        Assert.Equal("/problems/refund-exceeds-paid", await Marketers.ProblemTypeAsync(tooMuch));
        Assert.True(await Marketers.NamesFieldAsync(tooPrecise, "amount"));
        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        Assert.Equal("/problems/refund-exceeds-paid", await Marketers.ProblemTypeAsync(nothingLeft));
        Assert.True(await Marketers.NamesFieldAsync(noKey, "Idempotency-Key"));
        Assert.Equal([50.00m, paid - 50.00m], journey.GetProperty("refunds").EnumerateArray().Select(r => Amount(r.GetProperty("amount"))));
        Assert.Equal((paid, 0m), (Amount(journey.GetProperty("refunded")), Amount(journey.GetProperty("refundable"))));
        Assert.Equal("BRL", journey.GetProperty("refunded").GetProperty("currency").GetString());
    }

    [Fact]
    public async Task A_cancellation_before_shipping_returns_the_units_and_a_refund_after_the_sale_ended_does_not()
    {
        await CreateSaleAsync(Platform, "restock", stock: 5, now: _clock.GetUtcNow(), lasts: TimeSpan.FromHours(1));
        using var ana = await Shoppers.SignInAsync(Platform, "ana@example.com");
        var cancelled = await PaidOrderAsync(ana, "restock", "LOCAL-1", quantity: 2);
        var kept = await PaidOrderAsync(ana, "restock", "LOCAL-1", quantity: 1);
        var shipped = await PaidOrderAsync(ana, "restock", "LOCAL-1", quantity: 1);
        Assert.Equal(HttpStatusCode.OK, (await ShipAsync(Platform, shipped)).StatusCode);
        var before = await Marketers.ItemStatsAsync(Platform, "restock", "LOCAL-1");

        var cancel = await JsonAsync(await RefundAsync(Platform, cancelled, "c1", null, "Out of this colour"));
        var cancelAgain = await RefundAsync(Platform, cancelled, "c1", null, "Out of this colour");
        var shippedRefund = await JsonAsync(await RefundAsync(Platform, shipped, "s1", null));
        await Eventually.TrueAsync(async () => Counts(await Marketers.ItemStatsAsync(Platform, "restock", "LOCAL-1")).Available == 3, "the cancelled units are on sale again");
        var live = await Marketers.ItemStatsAsync(Platform, "restock", "LOCAL-1");
        await Books.AssertStockAccountedForAsync(Platform.Marketer, "restock");
        // The returned units sell again, and no more than them.
        using var bob = await Shoppers.SignInAsync(Platform, "bob@example.com");
        var resold = await Shoppers.OrderAsync(bob, "again", new { saleId = "restock", sku = "LOCAL-1", quantity = 3, region = "BR" });
        var oneMore = await Shoppers.OrderAsync(bob, "one-more", new { saleId = "restock", sku = "LOCAL-1", quantity = 1, region = "BR" });
        _clock.Advance(TimeSpan.FromHours(2));
        var afterEnd = await JsonAsync(await RefundAsync(Platform, kept, "k1", null));
        var ended = await Marketers.ItemStatsAsync(Platform, "restock", "LOCAL-1");

        Assert.Equal((5, 4, 1), Counts(before));
        Assert.Equal("cancelled", cancel.GetProperty("stage").GetString());
        Assert.True(cancel.GetProperty("refunds")[0].GetProperty("restocked").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, cancelAgain.StatusCode);
        Assert.False(shippedRefund.GetProperty("refunds")[0].GetProperty("restocked").GetBoolean());
        // The two cancelled units are back on sale, once (the retry added none); the shipped order's unit is not.
        Assert.Equal((7, 4, 3), Counts(live));
        Assert.Equal(HttpStatusCode.Created, resold.StatusCode);
        Assert.Equal("/problems/sold-out", await Marketers.ProblemTypeAsync(oneMore));
        Assert.Equal("cancelled", afterEnd.GetProperty("stage").GetString());
        Assert.False(afterEnd.GetProperty("refunds")[0].GetProperty("restocked").GetBoolean());
        // Bob's hold of the 3 expired unpaid; the order refunded after the end gave nothing back.
        Assert.Equal((7, 4, 3), Counts(ended));
        Assert.Equal(ended.GetProperty("stock").GetInt32(), ended.GetProperty("sold").GetInt32() + ended.GetProperty("held").GetInt32() + ended.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task A_region_that_refunds_late_orders_refunds_an_undelivered_order_after_its_promise_and_a_delivered_one_not()
    {
        var regions = await Platform.Marketer.PutAsJsonAsync("/api/admin/regions/BR", new
        {
            name = "Brasil", currency = "BRL", taxRate = 0.17m, pricesIncludeTax = true, shippingFee = 19.90m, freeShippingThreshold = 199m,
            deliveryDays = new { domestic = new[] { 1, 3 }, crossBorder = new[] { 5, 10 } }, autoRefundLate = true,
        });
        Assert.Equal(HttpStatusCode.OK, regions.StatusCode);
        await CreateSaleAsync(Platform, "late", now: _clock.GetUtcNow());
        using var ana = await Shoppers.SignInAsync(Platform, "ana@example.com");
        var lost = await PaidOrderAsync(ana, "late", "LOCAL-1");
        var arrived = await PaidOrderAsync(ana, "late", "LOCAL-1");
        await ShipAsync(Platform, lost);
        await ShipAsync(Platform, arrived);
        await DeliverAsync(Platform, arrived);
        var lateAfter = (await TimelineAsync(ana, lost)).GetProperty("deliveryBy").GetProperty("latest").GetString();

        var onLastDay = await TimelineAsync(ana, lost);
        _clock.SetUtcNow(DateTimeOffset.Parse(lateAfter + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddDays(1));
        var afterPromise = await TimelineAsync(ana, lost);
        var readAgain = await TimelineAsync(ana, lost);
        var delivered = await TimelineAsync(ana, arrived);

        Assert.Empty(onLastDay.GetProperty("refunds").EnumerateArray());
        var refund = Assert.Single(readAgain.GetProperty("refunds").EnumerateArray());
        Assert.Equal(Amount(afterPromise.GetProperty("paid")), Amount(refund.GetProperty("amount")));
        Assert.Single(afterPromise.GetProperty("refunds").EnumerateArray());
        Assert.Contains("refunded", Kinds(afterPromise));
        Assert.Empty(delivered.GetProperty("refunds").EnumerateArray());
    }

    private static (int Stock, int Sold, int Available) Counts(JsonElement item) =>
        (item.GetProperty("stock").GetInt32(), item.GetProperty("sold").GetInt32(), item.GetProperty("available").GetInt32());
}
