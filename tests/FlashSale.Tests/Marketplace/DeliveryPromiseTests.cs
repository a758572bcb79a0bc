using FlashSale.Marketplace;
using FlashSale.Regions;
using FlashSale.Sales;

namespace FlashSale.Tests.Marketplace;

/// <summary>The delivery promise and refund rules as pure functions, against windows worked out by hand.</summary>
public sealed class DeliveryPromiseTests
{
    private static readonly Region Brazil = new("BR", "Brasil", "BRL", 0.17m, true, 19.90m, 199m);

    private static readonly Region Germany = new("DE", "Deutschland", "EUR", 0.19m, true, 4.99m, 49m,
        new DeliveryDays(new DayRange(1, 3), new DayRange(7, 20)), ProtectionDays: 30);

    [Theory]
    // BR sets nothing: 2-5 days at home, 15-45 from abroad. 28 Nov + 2 = 30 Nov, + 5 = 3 Dec; + 15 = 13 Dec, + 45 = 12 Jan.
    [InlineData("BR", "BR", "2026-11-28T23:30:00Z", "2026-11-30", "2026-12-03")]
    [InlineData("BR", "CN", "2026-11-28T23:30:00Z", "2026-12-13", "2027-01-12")]
    // An unknown warehouse counts as abroad.
    [InlineData("BR", null, "2026-11-28T00:00:00Z", "2026-12-13", "2027-01-12")]
    // DE sets 1-3 and 7-20: 31 Dec + 1 = 1 Jan, + 3 = 3 Jan; 31 Dec + 7 = 7 Jan, + 20 = 20 Jan.
    [InlineData("DE", "DE", "2026-12-31T10:00:00Z", "2027-01-01", "2027-01-03")]
    [InlineData("DE", "US", "2026-12-31T10:00:00Z", "2027-01-07", "2027-01-20")]
    // The day is the UTC day: 23:59 on 28 Feb 2027 is still 28 Feb (2027 is not a leap year), + 1 = 1 Mar.
    [InlineData("DE", "DE", "2027-02-28T23:59:00Z", "2027-03-01", "2027-03-03")]
    public void The_window_is_the_order_day_plus_the_region_days_for_the_origin(string region, string? shipsFrom, string orderedAt, string earliest, string latest)
    {
        var window = DeliveryPromise.Window(region == "BR" ? Brazil : Germany, shipsFrom, DateTimeOffset.Parse(orderedAt, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(new DeliveryWindow(DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(latest, System.Globalization.CultureInfo.InvariantCulture)), window);
    }

    [Fact]
    public void Local_means_shipped_from_the_shoppers_own_country()
    {
        Assert.True(DeliveryPromise.IsLocal(Brazil, "BR"));
        Assert.False(DeliveryPromise.IsLocal(Brazil, "CN"));
        Assert.False(DeliveryPromise.IsLocal(Brazil, null));
    }

    [Fact]
    public void Protection_lasts_the_region_days_after_the_end_of_the_promise()
    {
        var window = new DeliveryWindow(new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 3));

        // Late from the end of 3 Dec (4 Dec 00:00 UTC); BR's default 15 days: 19 Dec; DE's 30 days: 3 Jan.
        Assert.Equal(DateTimeOffset.Parse("2026-12-04T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), DeliveryPromise.LateAfter(window));
        Assert.Equal(DateTimeOffset.Parse("2026-12-19T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), DeliveryPromise.ProtectionEnds(Brazil, window));
        Assert.Equal(DateTimeOffset.Parse("2027-01-03T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), DeliveryPromise.ProtectionEnds(Germany, window));
    }

    [Theory]
    [InlineData(100.00, 0, null, 100.00)]      // all that is left
    [InlineData(100.00, 30.00, null, 70.00)]
    [InlineData(100.00, 30.00, 70.00, 70.00)]  // up to the last cent
    [InlineData(100.00, 30.00, 70.01, null)]   // one cent too many
    [InlineData(100.00, 100.00, null, null)]   // nothing left
    [InlineData(100.00, 0, 0.001, null)]       // BRL has two decimals
    public void A_refund_never_brings_the_total_past_what_was_paid(decimal paid, decimal refunded, double? requested, double? expected)
    {
        Assert.Equal((decimal?)expected, RefundRules.Amount(paid, refunded, (decimal?)requested, "BRL"));
    }

    [Theory]
    [InlineData(FulfilmentStage.Paid, true, SaleStatus.Live, true)]      // a cancellation before shipping
    [InlineData(FulfilmentStage.Paid, true, SaleStatus.Paused, true)]
    [InlineData(FulfilmentStage.Paid, true, SaleStatus.Ended, false)]    // the sale is over: the units stay sold
    [InlineData(FulfilmentStage.Paid, false, SaleStatus.Live, false)]    // a partial refund keeps the order
    [InlineData(FulfilmentStage.Shipped, true, SaleStatus.Live, false)]  // the parcel left
    [InlineData(FulfilmentStage.Delivered, true, SaleStatus.Live, false)]
    public void Only_a_cancellation_before_shipping_in_a_sale_not_ended_restocks(FulfilmentStage stage, bool refundsAll, SaleStatus sale, bool restocks)
    {
        Assert.Equal(restocks, RefundRules.Restocks(stage, refundsAll, sale));
    }

    [Fact]
    public void The_average_is_the_mean_of_the_ratings_to_two_decimals()
    {
        Assert.Equal(new RatingSummary(4.67m, 3), RatingSummary.Of(5 + 5 + 4, 3));
        Assert.Equal(new RatingSummary(3m, 2), RatingSummary.Of(1 + 5, 2));
        Assert.Equal(RatingSummary.None, RatingSummary.Of(0, 0));
    }
}
