using System.Collections.Concurrent;
using System.Diagnostics;
using FlashSale.Products;
using FlashSale.Promos;
using FlashSale.Regions;
using FlashSale.Sales;

namespace FlashSale.Catalog;

/// <summary>
/// Each silo's in-memory copy of regions and products. An entry is served while younger than
/// <see cref="Freshness"/>, then fetched again from its owning grain (which answers from memory);
/// concurrent readers of a stale entry share one fetch. Freshness is measured in real time, whatever
/// clock the shop's rules run on. So a change through the admin API is seen by
/// every silo within about half a second, and no read touches storage.
/// </summary>
public sealed class CatalogCache(IGrainFactory grains)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMilliseconds(500);

    /// <summary>The key of entries that exist once (the region table, the list of sales).</summary>
    private const string OnlyKey = "";
    private readonly ConcurrentDictionary<string, Entry<RegionTable>> _regions = new();
    private readonly ConcurrentDictionary<string, Entry<Product?>> _products = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry<SaleSnapshot?>> _sales = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry<ImmutableArray<string>>> _saleIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry<PromoSnapshot?>> _promos = new(StringComparer.Ordinal);

    public Task<RegionTable> Regions() =>
        Get(_regions, OnlyKey, () => grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key).GetAll());

    public Task<Product?> Product(string sku) =>
        Get(_products, sku, () => grains.GetGrain<IProductGrain>(sku).Get());

    /// <summary>A sale with its numbers (stock bars and listings tolerate half a second).</summary>
    public Task<SaleSnapshot?> Sale(string saleId) =>
        Get(_sales, saleId, () => grains.GetGrain<ISaleGrain>(saleId).GetSnapshot());

    public async Task<ImmutableArray<SaleSnapshot>> Sales()
    {
        var ids = await Get(_saleIds, OnlyKey, () => grains.GetGrain<ISaleDirectoryGrain>(ISaleDirectoryGrain.Key).GetAll());
        var sales = await Task.WhenAll(ids.Select(Sale));
        return [.. sales.OfType<SaleSnapshot>()];
    }

    /// <summary>A promo code's rules and counts (by its normalised text).</summary>
    public Task<PromoSnapshot?> Promo(string code) =>
        Get(_promos, code, () => grains.GetGrain<IPromoCodeGrain>(code).GetSnapshot());

    public async Task<Region?> Region(string code) =>
        (await Regions()).Regions.FirstOrDefault(r => r.Code == code);

    /// <summary>Called by the owning grain after a change, so its own silo reads the change at once.</summary>
    public void ForgetRegions() => _regions.TryRemove(OnlyKey, out _);

    /// <inheritdoc cref="ForgetRegions"/>
    public void ForgetProduct(string sku) => _products.TryRemove(sku, out _);

    /// <inheritdoc cref="ForgetRegions"/>
    public void ForgetPromo(string code) => _promos.TryRemove(code, out _);

    private async Task<T> Get<T>(ConcurrentDictionary<string, Entry<T>> cache, string key, Func<Task<T>> fetch)
    {
        var candidate = new Entry<T>(new Lazy<Task<T>>(fetch), Stopwatch.GetTimestamp());
        var entry = cache.AddOrUpdate(key, candidate, (_, existing) => Stopwatch.GetElapsedTime(existing.FetchedAt) < Freshness ? existing : candidate);
        try
        {
            return await entry.Value.Value;
        }
        catch
        {
            // A failed fetch is not cached: the next reader asks again.
            cache.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    private sealed record Entry<T>(Lazy<Task<T>> Value, long FetchedAt);
}
