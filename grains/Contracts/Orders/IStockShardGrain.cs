using FlashSale.Sales;

namespace FlashSale.Orders;

/// <summary>
/// A share of one sale item's stock, keyed <c>{saleId}/{sku}/{index}</c>. Holds, payments, cancels and
/// expiries of the shoppers routed here are decided in memory and made durable by group commit: one journal
/// append covers every request that arrived while the previous one was in flight, and writes the rows of the
/// orders it touched in the same transaction. The shard keeps its live holds; the orders table keeps every order.
/// </summary>
[Alias("flashsale.stock-shard")]
public interface IStockShardGrain : IGrainWithStringKey
{
    [Alias("initialize")]
    Task Initialize(ShardSetup setup);

    [Alias("control")]
    Task Control(SaleControl control);

    [Alias("hold")]
    Task<OrderResult> Hold(HoldRequest request);

    /// <summary>Pays a hold of <paramref name="customerId"/>; another customer's order is not found.</summary>
    [Alias("pay")]
    Task<OrderResult> Pay(string orderId, string customerId);

    [Alias("cancel")]
    Task<OrderResult> Cancel(string orderId, string customerId);

    [Alias("counts")]
    Task<ShardCounts> GetCounts();

    /// <summary>Gives up to <paramref name="wanted"/> unsold units to a sibling shard; the same transfer id always gets the same answer.</summary>
    [Alias("donate")]
    Task<int> Donate(string transferId, int wanted);

    /// <summary>Adds restocked units; the same restock id is applied once.</summary>
    /// <summary>The units given under a transfer id, or null when this shard gave none under it (yet).</summary>
    [Alias("donated")]
    Task<int?> Donated(string transferId);

    [Alias("add-units")]
    Task AddUnits(string restockId, int units);

    [Alias("order")]
    Task<Order?> GetOrder(string orderId, string customerId);
}
