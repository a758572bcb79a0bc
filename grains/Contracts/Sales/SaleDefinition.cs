namespace FlashSale.Sales;

/// <summary>A flash sale as the marketer created it; <see cref="Revision"/> counts the edits since (a shard keeps the newest it was told).</summary>
[GenerateSerializer, Immutable, Alias("flashsale.sale-definition")]
public sealed record SaleDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset EndsAt,
    [property: Id(4)] ImmutableArray<string> Regions,
    [property: Id(5)] int HoldMinutes,
    [property: Id(6)] ImmutableArray<SaleItem> Items,
    [property: Id(7)] WaitingRoom? WaitingRoom = null,
    [property: Id(8)] int Revision = 0)
{
    public SaleItem? Item(string sku) => Items.FirstOrDefault(i => i.Sku == sku);
}
