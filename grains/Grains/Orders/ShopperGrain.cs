using Orleans.Concurrency;

namespace FlashSale.Orders;

[Reentrant]
internal sealed class ShopperGrain(IShardJournal journal, ShopClock clock) : Grain, IShopperGrain
{
    private string CustomerId => this.GetPrimaryKeyString();

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
