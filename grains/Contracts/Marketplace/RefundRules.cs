using FlashSale.Sales;

namespace FlashSale.Marketplace;

/// <summary>Pure rules for refunds and disputes.</summary>
public static class RefundRules
{
    /// <summary>
    /// The amount a refund gives: <paramref name="requested"/>, or all that is left when null; null when it is not more
    /// than 0, has more digits than the currency, or would bring the refunds past what was paid.
    /// </summary>
    public static decimal? Amount(decimal paid, decimal refunded, decimal? requested, string currency)
    {
        var left = paid - refunded;
        var amount = requested ?? left;
        return amount > 0 && amount <= left && Domain.Money.IsExact(amount, currency) ? amount : null;
    }

    /// <summary>
    /// Whether a refund returns the order's units to the sale: only a cancellation (the whole amount refunded) before the
    /// order shipped, while the sale has not ended. Units refunded after the sale ended, or already sent, stay sold.
    /// </summary>
    public static bool Restocks(FulfilmentStage stage, bool refundsAll, SaleStatus sale) =>
        stage == FulfilmentStage.Paid && refundsAll && sale != SaleStatus.Ended;

    /// <summary>Whether a shopper may open a dispute at <paramref name="now"/>: from payment until the protection window ends.</summary>
    public static bool MayDispute(DateTimeOffset protectionEndsAt, DateTimeOffset now) => now < protectionEndsAt;

    /// <summary>Whether the store refunds an order by itself: the region says so, it was not delivered, and its promise is over.</summary>
    public static bool IsLateForAutoRefund(bool regionAutoRefunds, FulfilmentStage stage, DeliveryWindow window, DateTimeOffset now) =>
        regionAutoRefunds && stage is FulfilmentStage.Paid or FulfilmentStage.Shipped && now >= DeliveryPromise.LateAfter(window);

    public const int MaxMessageLength = 1000;

    public const int MaxTrackingLength = 100;
}
