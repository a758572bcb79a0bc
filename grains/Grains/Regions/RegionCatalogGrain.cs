using FlashSale.Catalog;

namespace FlashSale.Regions;

internal sealed class RegionCatalogGrain(
    [PersistentState("region-catalog", StorageNames.Main)] IPersistentState<RegionCatalogState> catalog,
    CatalogCache cache)
    : Grain, IRegionCatalogGrain
{
    private RegionTable? _table;

    public async Task<UpsertOutcome> Put(Region region)
    {
        var outcome = catalog.State.Regions.ContainsKey(region.Code) ? UpsertOutcome.Updated : UpsertOutcome.Created;
        catalog.State.Regions[region.Code] = region;
        catalog.State.Version++;
        _table = null;
        await catalog.WriteStateOrDeactivate(this);
        cache.ForgetRegions();
        return outcome;
    }

    public Task<RegionTable> GetAll() => Task.FromResult(_table ??= new RegionTable(
        catalog.State.Version,
        [.. catalog.State.Regions.Values.OrderBy(r => r.Code, StringComparer.Ordinal)]));
}
