using System.Collections.Frozen;
using System.Diagnostics;
using FlashSale.Products;
using FlashSale.Promos;
using FlashSale.Regions;
using FlashSale.Sales;
using Microsoft.Extensions.Caching.Memory;

namespace FlashSale.Catalog;

/// <summary>
/// Each silo's in-memory copy of regions, products, sales and promo codes. An entry is served while younger than
/// <see cref="Freshness"/>, then fetched again from its owning grain (which answers from memory); concurrent
/// readers of a missing or stale entry share one fetch. Freshness is measured in real time, whatever clock the
/// shop's rules run on. So a change through the admin API is seen by every silo within about half a second, and
/// no read touches storage.
/// What callers send cannot grow it or wake grains: an id that is not well formed is unknown at once; a product or
/// sale that is not in its directory (itself cached) is unknown without asking its grain; and each kind of entry is
/// a memory cache of at most <see cref="MaxEntriesPerKind"/> entries that expire with their freshness.
/// </summary>
public sealed class CatalogCache(IGrainFactory grains, int maxEntriesPerKind = CatalogCache.MaxEntriesPerKind) : IDisposable
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMilliseconds(500);

    /// <summary>Entries kept of each kind (products, sales, promo codes): far more than a store sells at once.</summary>
    public const int MaxEntriesPerKind = 10_000;

    private readonly Freshest<RegionTable> _regions = new(() => grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key).GetAll());
    private readonly KnownIds _skus = new(() => grains.GetGrain<IProductDirectoryGrain>(IProductDirectoryGrain.Key).GetAll());
    private readonly KnownIds _saleIds = new(() => grains.GetGrain<ISaleDirectoryGrain>(ISaleDirectoryGrain.Key).GetAll());
    private readonly Entries<Product?> _products = new(maxEntriesPerKind);
    private readonly Entries<SaleSnapshot?> _sales = new(maxEntriesPerKind);
    private readonly Entries<PromoSnapshot?> _promos = new(maxEntriesPerKind);
    private readonly Entries<Marketplace.RatingSummary> _ratings = new(maxEntriesPerKind);

    /// <summary>Entries held now, of every kind (at most four times the bound).</summary>
    public long Count => _products.Count + _sales.Count + _promos.Count + _ratings.Count;

    public Task<RegionTable> Regions() => _regions.Get();

    /// <summary>A product; answered without an allocation when this silo's copy is fresh (every hold asks).</summary>
    public ValueTask<Product?> Product(string sku)
    {
        if (_products.Fresh(sku) is { IsCompletedSuccessfully: true } cached)
        {
            return new ValueTask<Product?>(cached.Result);
        }
        return FetchProduct(sku);
    }

    private async ValueTask<Product?> FetchProduct(string sku) =>
        ProductRules.IsValidSku(sku) && await _skus.Lists(sku)
            ? await _products.Get(sku, () => grains.GetGrain<IProductGrain>(sku).Get())
            : null;

    /// <summary>A sale with its numbers (stock bars and listings tolerate half a second).</summary>
    public async Task<SaleSnapshot?> Sale(string saleId) =>
        SaleRules.IsValidSaleId(saleId) && await _saleIds.Lists(saleId)
            ? await _sales.Get(saleId, () => grains.GetGrain<ISaleGrain>(saleId).GetSnapshot())
            : null;

    public async Task<ImmutableArray<SaleSnapshot>> Sales()
    {
        var ids = await _saleIds.All();
        var sales = await Task.WhenAll(ids.Select(id => _sales.Get(id, () => grains.GetGrain<ISaleGrain>(id).GetSnapshot())));
        return [.. sales.OfType<SaleSnapshot>()];
    }

    /// <summary>A product's rating, from its reviews grain (which answers from memory); none for a product not in the directory.</summary>
    public async Task<Marketplace.RatingSummary> Rating(string sku) =>
        ProductRules.IsValidSku(sku) && await _skus.Lists(sku)
            ? await _ratings.Get(sku, () => grains.GetGrain<Marketplace.IProductReviewsGrain>(sku).GetSummary())
            : Marketplace.RatingSummary.None;

    /// <summary>A promo code's rules and counts (by its normalised text).</summary>
    public Task<PromoSnapshot?> Promo(string code) =>
        PromoValidation.IsValidCode(code)
            ? _promos.Get(code, () => grains.GetGrain<IPromoCodeGrain>(code).GetRules())
            : Task.FromResult<PromoSnapshot?>(null);

    public ValueTask<Region?> Region(string code)
    {
        var table = Regions();
        return table.IsCompletedSuccessfully ? new ValueTask<Region?>(Find(table.Result, code)) : FindLater(table, code);

        static async ValueTask<Region?> FindLater(Task<RegionTable> table, string code) => Find(await table, code);
    }

    private static Region? Find(RegionTable table, string code)
    {
        foreach (var region in table.Regions)
        {
            if (region.Code == code)
            {
                return region;
            }
        }
        return null;
    }

    /// <summary>Called by the owning grain after a change, so its own silo reads the change at once.</summary>
    public void ForgetRegions() => _regions.Forget();

    /// <inheritdoc cref="ForgetRegions"/>
    public void ForgetProduct(string sku) => _products.Forget(sku);

    /// <inheritdoc cref="ForgetRegions"/>
    public void ForgetPromo(string code) => _promos.Forget(code);

    /// <inheritdoc cref="ForgetRegions"/>
    public void ForgetRating(string sku) => _ratings.Forget(sku);

    public void Dispose()
    {
        _products.Dispose();
        _sales.Dispose();
        _promos.Dispose();
        _ratings.Dispose();
    }

    /// <summary>One value (the region table, a directory) fetched at most every <see cref="Freshness"/>.</summary>
    private sealed class Freshest<T>(Func<Task<T>> fetch)
    {
        private readonly Lock _gate = new();
        private (Task<T> Value, long FetchedAt)? _current;

        public Task<T> Get()
        {
            lock (_gate)
            {
                if (_current is { } current && Stopwatch.GetElapsedTime(current.FetchedAt) < Freshness && !current.Value.IsFaulted)
                {
                    return current.Value;
                }
                return Fetch();
            }
        }

        /// <summary>A fetch started now, shared with any reader that arrives while it runs.</summary>
        public Task<T> Refresh()
        {
            lock (_gate)
            {
                return _current is { Value.IsCompleted: false } running ? running.Value : Fetch();
            }
        }

        public void Forget()
        {
            lock (_gate)
            {
                _current = null;
            }
        }

        private Task<T> Fetch()
        {
            var value = fetch();
            _current = (value, Stopwatch.GetTimestamp());
            return value;
        }
    }

    /// <summary>The ids that exist (SKUs, sale ids), read from their directory grain.</summary>
    private sealed class KnownIds(Func<Task<ImmutableArray<string>>> fetch)
    {
        private readonly Freshest<FrozenSet<string>> _ids = new(async () => (await fetch()).ToFrozenSet(StringComparer.Ordinal));

        public async Task<IReadOnlyCollection<string>> All() => await _ids.Get();

        /// <summary>
        /// Whether <paramref name="id"/> exists. One not in the cached copy may have been made since: the directory is
        /// read again, once for all the misses that arrive meanwhile, so a flood of unknown ids costs one call at a time.
        /// </summary>
        public async Task<bool> Lists(string id) => (await _ids.Get()).Contains(id) || (await _ids.Refresh()).Contains(id);
    }

    /// <summary>Entries of one kind: bounded in number, each expiring with its freshness; a failed fetch is not kept.</summary>
    private sealed class Entries<T>(int limit) : IDisposable
    {
        private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = limit });

        public long Count => _cache.Count;

        public async Task<T> Get(string key, Func<Task<T>> fetch)
        {
            if (!_cache.TryGetValue(key, out Task<T>? value) || value is null)
            {
                lock (_cache)
                {
                    // Checked again under the lock, so concurrent readers of a missing entry share one fetch.
                    if (!_cache.TryGetValue(key, out value) || value is null)
                    {
                        value = fetch();
                        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Freshness });
                    }
                }
            }
            try
            {
                return await value;
            }
            catch
            {
                // The next reader asks again.
                if (_cache.TryGetValue(key, out Task<T>? cached) && cached == value)
                {
                    _cache.Remove(key);
                }
                throw;
            }
        }

        /// <summary>The entry's fetch when one is cached (it may still run or have failed), else null.</summary>
        public Task<T>? Fresh(string key) => _cache.TryGetValue(key, out Task<T>? value) ? value : null;

        public void Forget(string key) => _cache.Remove(key);

        public void Dispose() => _cache.Dispose();
    }
}
