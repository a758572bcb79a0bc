using Orleans.Concurrency;

namespace FlashSale.Orders;

[Reentrant]
internal sealed class ShopperGrain(IShardJournal journal, ShopClock clock) : Grain, IShopperGrain
{
    private OrderRouter? _router;

    private string CustomerId => this.GetPrimaryKeyString();

    private OrderRouter Router => _router ??= new OrderRouter(GrainFactory);

    public Task<OrderResult> PlaceOrder(string idempotencyKey, OrderRequest request) => Router.Place(CustomerId, idempotencyKey, request);

    public Task<OrderResult> Pay(string orderId) => Router.Pay(CustomerId, orderId);

    public Task<OrderResult> Cancel(string orderId) => Router.Cancel(CustomerId, orderId);

    public Task<Order?> GetOrder(string orderId) => Router.GetOrder(CustomerId, orderId);

    public async Task<ImmutableArray<Order>> GetOrders()
    {
        // One query of the orders table; a hold past its time is shown expired (its shard books the expiry on its next access).
        var now = clock.GetUtcNow();
        var orders = await journal.ReadOrdersOfAsync(CustomerId);
        return [.. orders
            .Select(o => o.Status == OrderStatus.Reserved && o.HoldExpiresAt <= now ? o with { Status = OrderStatus.Expired, ResolvedAt = o.HoldExpiresAt } : o)
            .OrderByDescending(o => o.CreatedAt)];
    }
}
