using FlashSale.Catalog;
using FlashSale.Sales;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace FlashSale.Orders;

[Reentrant]
internal sealed class ShopperGrain : Grain, IShopperGrain
{
    private readonly IPersistentState<ShopperState> _shopper;
    private readonly CatalogCache _catalog;
    private readonly GroupCommit _commit;

    /// <summary>Orders placed through this activation: answered at once, before the shard's outbox materialises them.</summary>
    private readonly Dictionary<string, Order> _placed = new(StringComparer.Ordinal);

    /// <summary>Placements in flight by order id: a concurrent repeat of the same key waits for the first.</summary>
    private readonly Dictionary<string, (string Fingerprint, Task<OrderResult> Result)> _inFlight = new(StringComparer.Ordinal);

    public ShopperGrain(
        [PersistentState("shopper", StorageNames.Main)] IPersistentState<ShopperState> shopper,
        CatalogCache catalog,
        DeepCopier copier)
    {
        _shopper = shopper;
        _catalog = catalog;
        // Each write stores a copy: the provider serialises after it yields, while this reentrant grain goes on.
        _commit = new GroupCommit(
            _ =>
            {
                _shopper.State = copier.Copy(_orders);
                return _shopper.WriteStateAsync();
            },
            this);
    }

    /// <summary>The working copy of the stored orders.</summary>
    private ShopperState _orders = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _orders = _shopper.State;
        return Task.CompletedTask;
    }

    private string CustomerId => this.GetPrimaryKeyString();

    public async Task<OrderResult> PlaceOrder(string idempotencyKey, OrderRequest request)
    {
        var orderId = SaleRules.OrderIdFor(CustomerId, idempotencyKey);
        if (Find(orderId) is { } known)
        {
            return known.Fingerprint == request.Fingerprint
                ? new OrderResult(OrderOutcome.Held, known)
                : OrderResult.Refused(OrderOutcome.KeyReused);
        }
        if (_inFlight.TryGetValue(orderId, out var running))
        {
            return running.Fingerprint == request.Fingerprint ? await running.Result : OrderResult.Refused(OrderOutcome.KeyReused);
        }
        var placing = Place(orderId, idempotencyKey, request);
        _inFlight[orderId] = (request.Fingerprint, placing);
        try
        {
            var result = await placing;
            if (result.Order is { } order)
            {
                _placed[orderId] = order;
            }
            return result;
        }
        finally
        {
            _inFlight.Remove(orderId);
        }
    }

    public Task<OrderResult> Pay(string orderId) => Change(orderId, shard => shard.Pay(orderId));

    public Task<OrderResult> Cancel(string orderId) => Change(orderId, shard => shard.Cancel(orderId));

    public Task<Order?> GetOrder(string orderId) => Task.FromResult(Find(orderId));

    public Task<ImmutableArray<Order>> GetOrders() => Task.FromResult(
        _orders.Orders.Keys.Union(_placed.Keys)
            .Select(id => Find(id)!)
            .OrderByDescending(o => o.CreatedAt)
            .ToImmutableArray());

    public async Task Apply(ImmutableArray<Order> orders)
    {
        var changed = false;
        foreach (var order in orders)
        {
            changed |= Remember(order);
        }
        if (changed)
        {
            await _commit.Durable();
        }
    }

    private async Task<OrderResult> Place(string orderId, string idempotencyKey, OrderRequest request)
    {
        var sale = await _catalog.Sale(request.SaleId);
        if (sale?.Definition.Item(request.Sku) is not { } item)
        {
            return OrderResult.Refused(OrderOutcome.UnknownSale);
        }
        var shard = SaleRules.ShardFor(CustomerId, item.Shards);
        return await GrainFactory.GetGrain<IStockShardGrain>(SaleRules.ShardKey(request.SaleId, request.Sku, shard))
            .Hold(new HoldRequest(orderId, idempotencyKey, CustomerId, request));
    }

    private async Task<OrderResult> Change(string orderId, Func<IStockShardGrain, Task<OrderResult>> change)
    {
        if (Find(orderId) is not { } order)
        {
            return OrderResult.Refused(OrderOutcome.NotFound);
        }
        var result = await change(GrainFactory.GetGrain<IStockShardGrain>(order.ShardKey));
        if (result.Order is { } changed && Remember(changed))
        {
            await _commit.Durable();
        }
        return result;
    }

    private Order? Find(string orderId)
    {
        var stored = _orders.Orders.GetValueOrDefault(orderId);
        var placed = _placed.GetValueOrDefault(orderId);
        return (stored, placed) switch
        {
            (null, _) => placed,
            (_, null) => stored,
            _ => placed.IsNewerThan(stored) ? placed : stored,
        };
    }

    /// <returns>Whether the stored orders changed.</returns>
    private bool Remember(Order order)
    {
        var stored = _orders.Orders.GetValueOrDefault(order.OrderId);
        if (stored is not null && (stored == order || stored.IsNewerThan(order)))
        {
            return false;
        }
        _orders.Orders[order.OrderId] = order;
        if (_placed.TryGetValue(order.OrderId, out var placed) && !placed.IsNewerThan(order))
        {
            _placed.Remove(order.OrderId);
        }
        return true;
    }
}
