using FlashSale.Pricing;
using FlashSale.Products;
using FlashSale.Regions;
using FlashSale.Sales;

namespace FlashSale.Client.Features.Sales;

public sealed record ShopSaleView(
    string Id, string Name, string Region, string Currency, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status,
    int HoldMinutes, IReadOnlyList<ShopSaleItemView> Items, DateTimeOffset ServerTime)
{
    /// <summary>The sale as a shopper in <paramref name="region"/> sees it; items without a price there are left out.</summary>
    public static ShopSaleView From(SaleSnapshot sale, Region region, IReadOnlyDictionary<string, Product?> products,
        IReadOnlyDictionary<string, Marketplace.RatingSummary> ratings, DateTimeOffset now)
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
                AdminSaleView.Wire(SaleRules.ItemStatus(status, available)), sale.Definition.StartsAt, sale.Definition.EndsAt, now,
                product.ShipsFrom, Marketplace.DeliveryPromise.IsLocal(region, product.ShipsFrom),
                DeliveryByView.From(Marketplace.DeliveryPromise.Window(region, product.ShipsFrom, now)),
                RatingView.From(ratings.GetValueOrDefault(item.Sku) ?? Marketplace.RatingSummary.None)));
        }
        return new ShopSaleView(
            sale.Definition.Id, sale.Definition.Name, region.Code, region.Currency, sale.Definition.StartsAt, sale.Definition.EndsAt,
            AdminSaleView.Wire(status), sale.Definition.HoldMinutes, items, now);
    }
}
