namespace FlashSale.Regions;

[GenerateSerializer, Alias("flashsale.region-catalog-state")]
public sealed class RegionCatalogState
{
    [Id(0)]
    public long Version { get; set; }

    [Id(1)]
    public Dictionary<string, Region> Regions { get; set; } = new(StringComparer.Ordinal);
}
