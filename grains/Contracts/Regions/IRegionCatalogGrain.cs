namespace FlashSale.Regions;

/// <summary>
/// The store's table of regions: small and rarely written, read on every page, so reads are
/// read-only (interleaved) and front ends cache them.
/// </summary>
[Alias("flashsale.region-catalog")]
public interface IRegionCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>The one catalog of a deployment.</summary>
    const long Key = 0;

    [Alias("put")]
    Task<UpsertOutcome> Put(Region region);

    [ReadOnly, Alias("all")]
    Task<RegionTable> GetAll();
}
