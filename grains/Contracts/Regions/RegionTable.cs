namespace FlashSale.Regions;

/// <summary>Every region, with a version that grows on each change (for caches).</summary>
[GenerateSerializer, Immutable, Alias("flashsale.region-table")]
public sealed record RegionTable(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<Region> Regions);
