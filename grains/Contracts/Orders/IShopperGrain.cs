namespace FlashSale.Orders;

/// <summary>
/// One shopper, keyed by customer id: the shopper's list of orders (one query of the orders table). Its other calls
/// go through <see cref="OrderRouter"/> to the stock shards, as the web front's do; it keeps nothing.
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
