using FlashSale.Domain;
using FlashSale.Pricing;
using FlashSale.Products;
using FlashSale.Regions;
using FlashSale.Sales;

namespace FlashSale.Client.Api;

public sealed record RejectionsView(long SoldOut, long Limit, long Promo, long NotLive, long RateLimited)
{
    public static RejectionsView From(Rejections r) => new(r.SoldOut, r.Limit, r.Promo, r.NotLive, r.RateLimited);
}

public sealed record ItemStatsView(
    string Sku, int Stock, int Sold, int Held, int Available, long Orders, RejectionsView Rejected, double AverageBatch)
{
    public static ItemStatsView From(ItemCounts counts) => new(
        counts.Sku, counts.Stock, counts.Sold, counts.Held, counts.Available, counts.Orders, RejectionsView.From(counts.Rejected),
        counts.Batches == 0 ? 0 : Math.Round((double)counts.BatchedRequests / counts.Batches, 2));
}

public sealed record SaleStatsView(IReadOnlyList<ItemStatsView> Items, double OrdersPerSecond, DateTimeOffset ServerTime);

public sealed record AdminSaleItemView(
    string Sku, int Stock, int PerCustomerLimit, IReadOnlyDictionary<string, decimal> SalePrices, int Shards, string Status,
    int Sold, int Held, int Available, long Orders, RejectionsView Rejected);

public sealed record AdminSaleView(
    string Id, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<string> Regions, int HoldMinutes,
    string Status, bool Paused, IReadOnlyList<AdminSaleItemView> Items, double OrdersPerSecond, DateTimeOffset ServerTime)
{
    public static AdminSaleView From(SaleSnapshot sale, DateTimeOffset now, double ordersPerSecond)
    {
        var status = SaleRules.Status(sale.Definition, sale.Control, now);
        return new AdminSaleView(
            sale.Definition.Id, sale.Definition.Name, sale.Definition.StartsAt, sale.Definition.EndsAt, sale.Definition.Regions,
            sale.Definition.HoldMinutes, Wire(status), sale.Control.Paused,
            sale.Definition.Items.Select(item =>
            {
                var counts = sale.Counts(item.Sku)!;
                return new AdminSaleItemView(
                    item.Sku, counts.Stock, item.PerCustomerLimit, item.SalePrices, item.Shards, Wire(SaleRules.ItemStatus(status, counts.Available)),
                    counts.Sold, counts.Held, counts.Available, counts.Orders, RejectionsView.From(counts.Rejected));
            }).ToList(),
            ordersPerSecond, now);
    }

    public static string Wire(SaleStatus status) => status switch
    {
        SaleStatus.Upcoming => "upcoming",
        SaleStatus.Live => "live",
        SaleStatus.SoldOut => "soldOut",
        SaleStatus.Ended => "ended",
        _ => "paused",
    };
}

public sealed record ShopSaleItemView(
    string Sku, string Name, string Description, string Category, string? ImageUrl,
    Money Price, Money ListPrice, Money? PriorPrice, int Available, int Stock, int PerCustomerLimit,
    string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset ServerTime);

public sealed record ShopSaleView(
    string Id, string Name, string Region, string Currency, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status,
    int HoldMinutes, IReadOnlyList<ShopSaleItemView> Items, DateTimeOffset ServerTime)
{
    /// <summary>The sale as a shopper in <paramref name="region"/> sees it; items without a price there are left out.</summary>
    public static ShopSaleView From(SaleSnapshot sale, Region region, IReadOnlyDictionary<string, Product?> products, DateTimeOffset now)
    {
        var status = SaleRules.Status(sale.Definition, sale.Control, now);
        var items = new List<ShopSaleItemView>();
        foreach (var item in sale.Definition.Items)
        {
            if (products.GetValueOrDefault(item.Sku) is not { } product
                || PriceBook.For(product, region.Code, region.Currency, sale.Definition.Id) is not { } price)
            {
                continue;
            }
            var counts = sale.Counts(item.Sku)!;
            var available = Math.Max(0, counts.Available);
            items.Add(new ShopSaleItemView(
                item.Sku, product.Name, product.Description, product.Category, product.ImageUrl,
                price.Price, price.ListPrice, price.PriorPrice, available, counts.Stock, item.PerCustomerLimit,
                AdminSaleView.Wire(SaleRules.ItemStatus(status, available)), sale.Definition.StartsAt, sale.Definition.EndsAt, now));
        }
        return new ShopSaleView(
            sale.Definition.Id, sale.Definition.Name, region.Code, region.Currency, sale.Definition.StartsAt, sale.Definition.EndsAt,
            AdminSaleView.Wire(status), sale.Definition.HoldMinutes, items, now);
    }
}
