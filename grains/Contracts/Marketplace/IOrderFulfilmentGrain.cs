namespace FlashSale.Marketplace;

/// <summary>
/// A paid order's life after payment, keyed by order id: shipping, delivery, dispute, refunds and its review. Only paid
/// orders get one, so the hold and pay path never touches it; the order itself stays in the orders table.
/// Calls with a customer id act for that shopper (another shopper's order is not found); without, for the store.
/// </summary>
[Alias("flashsale.order-fulfilment")]
public interface IOrderFulfilmentGrain : IGrainWithStringKey
{
    [Alias("get")]
    Task<JourneyResult> Get(string? customerId);

    [Alias("ship")]
    Task<JourneyResult> Ship(string tracking);

    [Alias("deliver")]
    Task<JourneyResult> Deliver();

    [Alias("dispute")]
    Task<JourneyResult> OpenDispute(string customerId, DisputeReason reason, string message);

    /// <summary>Refunds <paramref name="amount"/> (null: all that is left); the same <paramref name="refundId"/> applies once. Resolves an open dispute.</summary>
    [Alias("refund")]
    Task<JourneyResult> Refund(string refundId, decimal? amount, string reason);

    /// <summary>Rejects the open dispute with a reason the shopper sees.</summary>
    [Alias("reject")]
    Task<JourneyResult> RejectDispute(string reason);

    [Alias("review")]
    Task<JourneyResult> Review(string customerId, int rating, string text);
}
