using System.Text.Json;
using FlashSale.Pricing;
using FlashSale.Products;
using FlashSale.Regions;
using FlashSale.Sales;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Features.Sales;

/// <summary>
/// What the storefront reads most in a flash sale, the sale list of a region and a sale's page, as JSON built from the
/// silo's catalog cache (at most 0.5 s old). Built once per view and period, not once per shopper: the endpoints are
/// output-cached (<see cref="StorefrontCache"/>).
/// </summary>
public sealed class StorefrontViews(IGrainFactory grains, ShopClock clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private const string ListKey = "";

    /// <summary>The JSON of the live and upcoming sales of region <paramref name="code"/>.</summary>
    public Task<SaleView> List(string code) => Build(code, ListKey);

    /// <summary>The JSON of sale <paramref name="saleId"/> as a shopper in region <paramref name="code"/> sees it.</summary>
    public Task<SaleView> Page(string code, string saleId) => Build(code, saleId);

    private async Task<SaleView> Build(string code, string saleId)
    {
        var reads = grains.Pricing();
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
