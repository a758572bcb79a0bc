namespace FlashSale.Orders;

/// <summary>
/// One shopper's orders, keyed by customer id: the Idempotency-Key gate in front of the stock shards,
/// and the materialised orders behind them (written after the hold is durable, never before).
/// </summary>
[Alias("flashsale.shopper")]
public interface IShopperGrain : IGrainWithStringKey
{
    [Alias("place")]
    Task<OrderResult> PlaceOrder(string idempotencyKey, OrderRequest request);

    [Alias("pay")]
    Task<OrderResult> Pay(string orderId);

    [Alias("cancel")]
    Task<OrderResult> Cancel(string orderId);

    [Alias("get"), Orleans.Concurrency.AlwaysInterleave]
    Task<Order?> GetOrder(string orderId);

    [Alias("list"), Orleans.Concurrency.AlwaysInterleave]
    Task<ImmutableArray<Order>> GetOrders();

    /// <summary>Orders as their shards recorded them (the outbox); idempotent.</summary>
    [Alias("apply")]
    Task Apply(ImmutableArray<Order> orders);
}
