namespace FlashSale.Orders;

/// <summary>
/// One shopper, keyed by customer id: the shopper's list of orders (one query of the orders table). Placing, paying
/// and cancelling go straight to the stock shards through <see cref="OrderRouter"/>; this grain keeps nothing.
/// </summary>
[Alias("flashsale.shopper")]
public interface IShopperGrain : IGrainWithStringKey
{
    [Alias("list"), Orleans.Concurrency.AlwaysInterleave]
    Task<ImmutableArray<Order>> GetOrders();
}
