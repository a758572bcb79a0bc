namespace FlashSale.Orders;

/// <summary>
/// One shopper, keyed by customer id: the Idempotency-Key gate in front of the stock shards (concurrent
/// repeats wait for the first; a key reused with another body is refused), and the way to the shopper's
/// orders, which live in the shards that hold them. Keeps nothing in storage, so a new shopper costs no read.
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
}
