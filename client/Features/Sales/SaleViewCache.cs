using System.Diagnostics;
using System.Text.Json;
using FlashSale.Pricing;
using FlashSale.Products;
using FlashSale.Regions;
using FlashSale.Sales;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Features.Sales;

/// <summary>
/// What the storefront reads most in a flash sale, the sale list of a region and a sale's page, serialized once and
/// served to every shopper for a fifth of a second: a crowd refreshing the page costs one build per view and period,
/// not one per shopper. The numbers are at most 0.2 s older than the silo's catalog cache (itself at most 0.5 s
/// old); freshness is real time, whatever clock the shop's rules run on. A marketer's change through this front end
/// clears it, so what the catalog already knows (a product or region changed here) shows at once. Only views that
/// exist are kept, so what callers send cannot grow it.
/// </summary>
public sealed class SaleViewCache(IGrainFactory grains, ShopClock clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMilliseconds(200);
    private const string ListKey = "";
    private readonly Dictionary<(string Region, string Sale), (long BuiltAt, Task<SaleView> View)> _views = [];

    /// <summary>The JSON of the live and upcoming sales of region <paramref name="code"/>.</summary>
    public Task<SaleView> List(string code) => Get(code, ListKey);

    /// <summary>The JSON of sale <paramref name="saleId"/> as a shopper in region <paramref name="code"/> sees it.</summary>
    public Task<SaleView> Page(string code, string saleId) => Get(code, saleId);

    /// <summary>Forgets every view (a marketer changed sales, products or regions).</summary>
    public void Clear()
    {
        lock (_views)
        {
            _views.Clear();
        }
    }

    private Task<SaleView> Get(string code, string saleId)
    {
        var key = (code, saleId);
        lock (_views)
        {
            if (_views.TryGetValue(key, out var cached) && Stopwatch.GetElapsedTime(cached.BuiltAt) < Fresh && !cached.View.IsFaulted)
            {
                return cached.View;
            }
            var building = Build(code, saleId);
            _views[key] = (Stopwatch.GetTimestamp(), building);
            _ = building.ContinueWith(built => Forget(key, building, built), TaskScheduler.Default);
            return building;
        }
    }

    /// <summary>A failed build, an unknown region or sale is not kept: the next reader asks again.</summary>
    private void Forget((string, string) key, Task<SaleView> building, Task<SaleView> built)
    {
        if (built.IsCompletedSuccessfully && built.Result.Json is not null)
        {
            return;
        }
        lock (_views)
        {
            if (_views.TryGetValue(key, out var cached) && cached.View == building)
            {
                _views.Remove(key);
            }
        }
    }

    private async Task<SaleView> Build(string code, string saleId)
    {
        var reads = grains.GetGrain<IPricingGrain>(0);
        if (await ShopRegion(code, reads) is not { } region)
        {
            return SaleView.UnknownRegion;
        }
        var now = clock.GetUtcNow();
        if (saleId == ListKey)
        {
            var sales = (await reads.GetSales())
                .Where(s => s.Definition.Regions.Contains(region.Code) && SaleRules.Status(s.Definition, s.Control, now) != SaleStatus.Ended)
                .OrderBy(s => s.Definition.StartsAt)
                .ToList();
            var products = await Products(reads, sales.SelectMany(s => s.Definition.Items.Select(i => i.Sku)));
            var ratings = await Ratings(reads, products.Keys);
            return new SaleView(true, Serialize(sales.Select(s => ShopSaleView.From(s, region, products, ratings, now)).ToArray()));
        }
        if (await reads.GetSale(saleId) is not { } sale || !sale.Definition.Regions.Contains(region.Code))
        {
            return SaleView.UnknownSale;
        }
        var items = await Products(reads, sale.Definition.Items.Select(i => i.Sku));
        return new SaleView(true, Serialize(ShopSaleView.From(sale, region, items, await Ratings(reads, items.Keys), now)));
    }

    private byte[] Serialize<T>(T view) => JsonSerializer.SerializeToUtf8Bytes(view, json.Value.SerializerOptions);

    /// <summary>The store's region with this (normalized) code, from the silo's catalog.</summary>
    private static async Task<Region?> ShopRegion(string code, IPricingGrain reads) =>
        (await reads.GetRegions()).Regions.FirstOrDefault(r => r.Code == code);

    /// <summary>The ratings of these products, from the silo's catalog cache (memory, like prices).</summary>
    private static async Task<IReadOnlyDictionary<string, Marketplace.RatingSummary>> Ratings(IPricingGrain reads, IEnumerable<string> skus)
    {
        var distinct = skus.ToList();
        var ratings = await Task.WhenAll(distinct.Select(reads.GetRating));
        return distinct.Zip(ratings).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    private static async Task<IReadOnlyDictionary<string, Product?>> Products(IPricingGrain reads, IEnumerable<string> skus)
    {
        var distinct = skus.Distinct().ToList();
        var products = await Task.WhenAll(distinct.Select(reads.GetProduct));
        return distinct.Zip(products).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }
}
