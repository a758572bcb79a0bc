using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<string, IStockShardGrain> _references = new(StringComparer.Ordinal);

    public async Task<OrderResult> Place(string customerId, string idempotencyKey, OrderRequest request)
    {
        if (await ShardsOf(request.SaleId, request.Sku) is not { } shards)
        {
            return OrderResult.Refused(OrderOutcome.UnknownSale);
        }
        var shard = SaleRules.ShardFor(customerId, shards);
        var orderId = SaleRules.OrderIdFor(request.SaleId, request.Sku, shard, customerId, idempotencyKey);
        return await Shard(SaleRules.ShardKey(request.SaleId, request.Sku, shard)).Hold(new HoldRequest(orderId, customerId, request));
    }

    public Task<OrderResult> Pay(string customerId, string orderId) =>
        ShardOf(orderId) is { } shard ? shard.Pay(orderId, customerId) : Task.FromResult(OrderResult.Refused(OrderOutcome.NotFound));

    public Task<OrderResult> Cancel(string customerId, string orderId) =>
        ShardOf(orderId) is { } shard ? shard.Cancel(orderId, customerId) : Task.FromResult(OrderResult.Refused(OrderOutcome.NotFound));

    public Task<Order?> GetOrder(string customerId, string orderId) =>
        ShardOf(orderId) is { } shard ? shard.GetOrder(orderId, customerId) : Task.FromResult<Order?>(null);

    private IStockShardGrain? ShardOf(string orderId) => SaleRules.ShardKeyOf(orderId) is { } key ? Shard(key) : null;

    /// <summary>A shard's reference, kept only for shards of items that exist (ids callers make up are not kept).</summary>
    private IStockShardGrain Shard(string key) =>
        _references.TryGetValue(key, out var known) ? known
        : _shards.ContainsKey(SaleRules.ItemOfShardKey(key)) ? _references.GetOrAdd(key, k => grains.GetGrain<IStockShardGrain>(k))
        : grains.GetGrain<IStockShardGrain>(key);

    private async ValueTask<int?> ShardsOf(string saleId, string sku)
    {
        if (_shards.TryGetValue((saleId, sku), out var known))
        {
            return known;
        }
        if (await grains.GetGrain<ISaleGrain>(saleId).GetDefinition() is not { } sale || sale.Item(sku) is not { } item)
        {
            return null;
        }
        return _shards[(saleId, sku)] = item.Shards;
    }
}
