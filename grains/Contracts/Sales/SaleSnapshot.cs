namespace FlashSale.Sales;

/// <summary>
/// A sale with its live numbers, as counted at <see cref="CountedAt"/>. <see cref="PendingDeliveries"/>: changes the
/// sale recorded that not every shard has confirmed yet (set-up, the latest pause/resume/end, restocks); the sale
/// redelivers them until each shard has.
/// </summary>
[GenerateSerializer, Immutable, Alias("flashsale.sale-snapshot")]
public sealed record SaleSnapshot(
    [property: Id(0)] SaleDefinition Definition,
    [property: Id(1)] SaleControl Control,
    [property: Id(2)] ImmutableArray<ItemCounts> Items,
    [property: Id(3)] DateTimeOffset CountedAt,
    [property: Id(4)] int PendingDeliveries = 0)
{
    public ItemCounts? Counts(string sku) => Items.FirstOrDefault(i => i.Sku == sku);
}
