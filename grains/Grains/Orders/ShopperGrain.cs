using FlashSale.Catalog;
using FlashSale.Sales;
using Orleans.Concurrency;

namespace FlashSale.Orders;

[Reentrant]
internal sealed class ShopperGrain(CatalogCache catalog, IShardJournal journal, ShopClock clock) : Grain, IShopperGrain
{
    private const int KeysRemembered = 1000;

    /// <summary>Keys this activation has seen, with their request's fingerprint (oldest first, bounded).</summary>
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly Queue<string> _keyOrder = new();

    /// <summary>Placements in flight by key: a concurrent repeat waits for the first.</summary>
    private readonly Dictionary<string, Task<OrderResult>> _inFlight = new(StringComparer.Ordinal);

    private string CustomerId => this.GetPrimaryKeyString();

    public async Task<OrderResult> PlaceOrder(string idempotencyKey, OrderRequest request)
    {
        if (_keys.TryGetValue(idempotencyKey, out var fingerprint) && fingerprint != request.Fingerprint)
        {
            return OrderResult.Refused(OrderOutcome.KeyReused);
        }
        if (_inFlight.TryGetValue(idempotencyKey, out var running))
        {
            return await running;
        }
        Remember(idempotencyKey, request.Fingerprint);
        var placing = Place(idempotencyKey, request);
        _inFlight[idempotencyKey] = placing;
        try
        {
            return await placing;
        }
        finally
        {
            _inFlight.Remove(idempotencyKey);
        }
    }

    public Task<OrderResult> Pay(string orderId) =>
        Shard(orderId) is { } shard ? shard.Pay(orderId, CustomerId) : Task.FromResult(OrderResult.Refused(OrderOutcome.NotFound));

    public Task<OrderResult> Cancel(string orderId) =>
        Shard(orderId) is { } shard ? shard.Cancel(orderId, CustomerId) : Task.FromResult(OrderResult.Refused(OrderOutcome.NotFound));

    public Task<Order?> GetOrder(string orderId) =>
        Shard(orderId) is { } shard ? shard.GetOrder(orderId, CustomerId) : Task.FromResult<Order?>(null);

    public async Task<ImmutableArray<Order>> GetOrders()
    {
        // One query of the orders table; a hold past its time is shown expired (its shard books the expiry on its next access).
        var now = clock.GetUtcNow();
        var orders = await journal.ReadOrdersOfAsync(CustomerId);
        return [.. orders
            .Select(o => o.Status == OrderStatus.Reserved && o.HoldExpiresAt <= now ? o with { Status = OrderStatus.Expired, ResolvedAt = o.HoldExpiresAt } : o)
            .OrderByDescending(o => o.CreatedAt)];
    }

    private async Task<OrderResult> Place(string idempotencyKey, OrderRequest request)
    {
        var sale = await catalog.Sale(request.SaleId);
        if (sale?.Definition.Item(request.Sku) is not { } item)
        {
            return OrderResult.Refused(OrderOutcome.UnknownSale);
        }
        var shard = SaleRules.ShardFor(CustomerId, item.Shards);
        var orderId = SaleRules.OrderIdFor(request.SaleId, request.Sku, shard, CustomerId, idempotencyKey);
        return await GrainFactory.GetGrain<IStockShardGrain>(SaleRules.ShardKey(request.SaleId, request.Sku, shard))
            .Hold(new HoldRequest(orderId, CustomerId, request));
    }

    private IStockShardGrain? Shard(string orderId) =>
        SaleRules.ShardKeyOf(orderId) is { } key ? GrainFactory.GetGrain<IStockShardGrain>(key) : null;

    private void Remember(string key, string fingerprint)
    {
        _keys[key] = fingerprint;
        _keyOrder.Enqueue(key);
        while (_keyOrder.Count > KeysRemembered)
        {
            _keys.Remove(_keyOrder.Dequeue());
        }
    }
}
