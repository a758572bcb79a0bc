using FlashSale.Orders;
using FlashSale.Pricing;
using FlashSale.Products;

namespace FlashSale.Sales;

internal sealed class SaleGrain(
    [PersistentState("sale", StorageNames.Main)] IPersistentState<SaleState> sale,
    ShopClock clock) : Grain, ISaleGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Restocks recorded before a crash: the shard applies each restock id once, so sending again is safe.
        foreach (var (restockId, (sku, units)) in sale.State.PendingRestocks.ToList())
        {
            await Deliver(restockId, sku, units);
        }
    }

    public async Task<CreateSaleOutcome> Create(SaleDefinition definition)
    {
        var outcome = CreateSaleOutcome.Created;
        if (sale.State.Definition is { } existing)
        {
            if (!SameSale(existing, definition))
            {
                return CreateSaleOutcome.IdTaken;
            }
            outcome = CreateSaleOutcome.AlreadyCreated;
        }
        else
        {
            sale.State.Definition = definition;
            sale.State.Stock = definition.Items.ToDictionary(i => i.Sku, i => i.Stock, StringComparer.Ordinal);
            await sale.WriteStateOrDeactivate(this);
        }
        // Every step below is idempotent, so a retried create finishes what a failed one started.
        await Task.WhenAll(definition.Items.Select(item => GrainFactory.GetGrain<IProductGrain>(item.Sku)
            .SetSalePrice(new SalePrice(definition.Id, definition.StartsAt, definition.EndsAt, item.SalePrices))));
        await Task.WhenAll(definition.Items.SelectMany(item => Enumerable.Range(0, item.Shards).Select(index =>
            GrainFactory.GetGrain<IStockShardGrain>(SaleRules.ShardKey(definition.Id, item.Sku, index))
                .Initialize(new ShardSetup(definition, item.Sku, index, SaleRules.UnitsOfShard(item.Stock, item.Shards, index))))));
        await GrainFactory.GetGrain<ISaleDirectoryGrain>(ISaleDirectoryGrain.Key).Add(definition.Id);
        return outcome;
    }

    public async Task<SaleSnapshot?> GetSnapshot()
    {
        if (sale.State.Definition is not { } definition)
        {
            return null;
        }
        // Always counted afresh: marketers see exact numbers; storefront reads go through each silo's cache.
        var countedAt = clock.GetUtcNow();
        var items = await Task.WhenAll(definition.Items.Select(async item =>
        {
            var shards = await Task.WhenAll(Enumerable.Range(0, item.Shards).Select(index =>
                GrainFactory.GetGrain<IStockShardGrain>(SaleRules.ShardKey(definition.Id, item.Sku, index)).GetCounts()));
            return new ItemCounts(
                item.Sku,
                sale.State.Stock.GetValueOrDefault(item.Sku),
                shards.Sum(s => s.Sold),
                shards.Sum(s => s.Held),
                shards.Sum(s => s.Orders),
                shards.Aggregate(Rejections.None, (total, s) => total + s.Rejected),
                shards.Sum(s => s.Batches),
                shards.Sum(s => s.BatchedRequests));
        }));
        return new SaleSnapshot(definition, sale.State.Control, [.. items], countedAt);
    }

    public Task<SaleSnapshot?> Pause() => SetControl(c => c with { Paused = true });

    public Task<SaleSnapshot?> Resume() => SetControl(c => c with { Paused = false });

    public Task<SaleSnapshot?> End() => SetControl(c => c with { EndedAt = c.EndedAt ?? clock.GetUtcNow() });

    public async Task<bool> Restock(string sku, int quantity)
    {
        if (sale.State.Definition?.Item(sku) is null)
        {
            return false;
        }
        var restockId = $"{this.GetPrimaryKeyString()}/{sku}/restock-{++sale.State.RestockSequence}";
        sale.State.Stock[sku] = sale.State.Stock.GetValueOrDefault(sku) + quantity;
        sale.State.PendingRestocks[restockId] = KeyValuePair.Create(sku, quantity);
        await sale.WriteStateOrDeactivate(this);
        await Deliver(restockId, sku, quantity);
        return true;
    }

    private async Task Deliver(string restockId, string sku, int units)
    {
        // Restocked units go to shard 0; siblings that run dry draw on them through transfers.
        await GrainFactory.GetGrain<IStockShardGrain>(SaleRules.ShardKey(this.GetPrimaryKeyString(), sku, 0)).AddUnits(restockId, units);
        sale.State.PendingRestocks.Remove(restockId);
        await sale.WriteStateOrDeactivate(this);
    }

    private async Task<SaleSnapshot?> SetControl(Func<SaleControl, SaleControl> change)
    {
        if (sale.State.Definition is not { } definition)
        {
            return null;
        }
        var control = change(sale.State.Control);
        if (control != sale.State.Control)
        {
            sale.State.Control = control;
            await sale.WriteStateOrDeactivate(this);
        }
        // Always pushed, so a retry reaches a shard an earlier attempt missed.
        await Task.WhenAll(definition.Items.SelectMany(item => Enumerable.Range(0, item.Shards).Select(index =>
            GrainFactory.GetGrain<IStockShardGrain>(SaleRules.ShardKey(definition.Id, item.Sku, index)).Control(control))));
        return await GetSnapshot();
    }

    private static bool SameSale(SaleDefinition a, SaleDefinition b) =>
        a.Name == b.Name && a.StartsAt == b.StartsAt && a.EndsAt == b.EndsAt && a.HoldMinutes == b.HoldMinutes
        && a.Regions.SequenceEqual(b.Regions)
        && a.Items.Length == b.Items.Length
        && a.Items.Zip(b.Items).All(pair => pair.First.Sku == pair.Second.Sku && pair.First.Stock == pair.Second.Stock
            && pair.First.PerCustomerLimit == pair.Second.PerCustomerLimit && pair.First.Shards == pair.Second.Shards
            && pair.First.SalePrices.Count == pair.Second.SalePrices.Count
            && pair.First.SalePrices.All(p => pair.Second.SalePrices.GetValueOrDefault(p.Key) == p.Value));
}
