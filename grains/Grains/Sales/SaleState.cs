namespace FlashSale.Sales;

[GenerateSerializer, Alias("flashsale.sale-state")]
public sealed class SaleState
{
    [Id(0)] public SaleDefinition? Definition { get; set; }
    [Id(1)] public SaleControl Control { get; set; } = SaleControl.Running;

    /// <summary>Each item's stock: the initial units plus every restock.</summary>
    [Id(2)] public Dictionary<string, int> Stock { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Restocks recorded here but not yet confirmed by the shard that receives the units: id to (sku, units).</summary>
    [Id(3)] public Dictionary<string, KeyValuePair<string, int>> PendingRestocks { get; set; } = new(StringComparer.Ordinal);

    [Id(4)] public long RestockSequence { get; set; }
}
