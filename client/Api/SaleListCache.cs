using System.Text.Json;
using FlashSale.Pricing;
using FlashSale.Sales;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Api;

/// <summary>
/// The storefront's sale list, serialized once per region and served to every shopper of that region for a fifth of
/// a second: a flash crowd refreshing the page costs one build per region and period, not one per shopper. The
/// numbers are at most 0.2 s older than the silo's catalog cache (itself at most 0.5 s old); a marketer's change
/// through this front end clears it, so what the catalog already knows (a product or region changed here) shows at once.
/// </summary>
public sealed class SaleListCache(IGrainFactory grains, ShopClock clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMilliseconds(200);
    private readonly Dictionary<string, (DateTimeOffset Until, Task<byte[]?> Json)> _lists = new(StringComparer.Ordinal);

    /// <summary>The JSON of the live and upcoming sales of region <paramref name="code"/>; null when the store has no such region.</summary>
    public Task<byte[]?> Get(string code)
    {
        var now = clock.GetUtcNow();
        lock (_lists)
        {
            if (_lists.TryGetValue(code, out var list) && list.Until > now && !list.Json.IsFaulted)
            {
                return list.Json;
            }
            var building = Build(code);
            // Codes are two letters at most here (see the endpoint), so the cache stays small whatever callers send.
            _lists[code] = (now + Fresh, building);
            return building;
        }
    }

    /// <summary>Forgets every list (a marketer changed sales, products or regions).</summary>
    public void Clear()
    {
        lock (_lists)
        {
            _lists.Clear();
        }
    }

    private async Task<byte[]?> Build(string code)
    {
        var reads = grains.GetGrain<IPricingGrain>(0);
        if (await SalesApi.ShopRegion(code, reads) is not { } region)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var sales = (await reads.GetSales())
            .Where(s => s.Definition.Regions.Contains(region.Code) && SaleRules.Status(s.Definition, s.Control, now) != SaleStatus.Ended)
            .OrderBy(s => s.Definition.StartsAt)
            .ToList();
        var products = await SalesApi.Products(reads, sales.SelectMany(s => s.Definition.Items.Select(i => i.Sku)));
        return JsonSerializer.SerializeToUtf8Bytes(sales.Select(s => ShopSaleView.From(s, region, products, now)).ToArray(), json.Value.SerializerOptions);
    }
}
