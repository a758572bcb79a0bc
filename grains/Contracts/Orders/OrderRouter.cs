using System.Collections.Concurrent;
using FlashSale.Pricing;
using FlashSale.Sales;

namespace FlashSale.Orders;

/// <summary>
/// Sends a shopper's order calls straight to the stock shard that owns the order: the shard and the order id come from
/// the pure <see cref="SaleRules"/> functions and the item's shard count (fixed when the sale is created, so kept here
/// once seen). No grain per shopper on the hot path; the shard checks Idempotency-Keys against its own orders and the
/// orders table.
/// </summary>
public sealed class OrderRouter(IGrainFactory grains)
{
    /// <summary>Sale items seen, with their shard count; only items that exist are kept, so callers cannot grow it.</summary>
    private readonly ConcurrentDictionary<(string SaleId, string Sku), int> _shards = new();

    /// <summary>References to the shards of those items (making one looks the interface up by reflection each time).</summary>
    private readonly ConcurrentDictionary<(string SaleId, string Sku, int Index), IStockShardGrain> _references = new();

    public async Task<OrderResult> Place(string customerId, string idempotencyKey, OrderRequest request)
    {
        if (await ShardsOf(request.SaleId, request.Sku) is not { } shards)
        {
            return OrderResult.Refused(OrderOutcome.UnknownSale);
        }
        var shard = SaleRules.ShardFor(customerId, shards);
        var orderId = SaleRules.OrderIdFor(request.SaleId, request.Sku, shard, customerId, idempotencyKey);
        return await Shard(request.SaleId, request.Sku, shard).Hold(new HoldRequest(orderId, customerId, request));
    }

    public async Task<OrderResult> Pay(string customerId, string orderId) =>
        await ShardOf(orderId) is { } shard ? await shard.Pay(orderId, customerId) : OrderResult.Refused(OrderOutcome.NotFound);

    public async Task<OrderResult> Cancel(string customerId, string orderId) =>
        await ShardOf(orderId) is { } shard ? await shard.Cancel(orderId, customerId) : OrderResult.Refused(OrderOutcome.NotFound);

    public async Task<Order?> GetOrder(string customerId, string orderId) =>
        await ShardOf(orderId) is { } shard ? await shard.GetOrder(orderId, customerId) : null;

    /// <summary>The shard an order id names, when that shard exists: an id naming nothing never wakes a grain or reads storage.</summary>
    private async ValueTask<IStockShardGrain?> ShardOf(string orderId) =>
        SaleRules.ShardOf(orderId) is { } named && await ShardsOf(named.SaleId, named.Sku) is { } shards && named.Index < shards
            ? Shard(named.SaleId, named.Sku, named.Index)
            : null;

    /// <summary>A shard's reference (only shards of items that exist get here, so callers cannot grow this).</summary>
    private IStockShardGrain Shard(string saleId, string sku, int index) =>
        _references.TryGetValue((saleId, sku, index), out var known)
            ? known
            : _references.GetOrAdd((saleId, sku, index), key => grains.GetGrain<IStockShardGrain>(SaleRules.ShardKey(key.SaleId, key.Sku, key.Index)));

    private async ValueTask<int?> ShardsOf(string saleId, string sku)
    {
        if (_shards.TryGetValue((saleId, sku), out var known))
        {
            return known;
        }
        // From the silo's catalog cache (an unknown sale wakes no grain).
        if (await grains.Pricing().GetSale(saleId) is not { } sale || sale.Definition.Item(sku) is not { } item)
        {
            return null;
        }
        return _shards[(saleId, sku)] = item.Shards;
    }
}
