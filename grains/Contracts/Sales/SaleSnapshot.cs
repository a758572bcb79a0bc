namespace FlashSale.Sales;

/// <summary>A sale with its live numbers, as counted at <see cref="CountedAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.sale-snapshot")]
public sealed record SaleSnapshot(
    [property: Id(0)] SaleDefinition Definition,
    [property: Id(1)] SaleControl Control,
    [property: Id(2)] ImmutableArray<ItemCounts> Items,
    [property: Id(3)] DateTimeOffset CountedAt)
{
    public ItemCounts? Counts(string sku) => Items.FirstOrDefault(i => i.Sku == sku);
}
