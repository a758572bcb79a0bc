using FlashSale.Catalog;
using FlashSale.Domain;
using FlashSale.Promos;
using FlashSale.Products;
using FlashSale.Regions;
using FlashSale.Sales;
using Orleans.Concurrency;

namespace FlashSale.Pricing;

[StatelessWorker]
internal sealed class PricingGrain(CatalogCache catalog, ShopClock clock) : Grain, IPricingGrain
{
    public async Task<QuoteAnswer> Quote(QuoteRequest request)
    {
        var region = await catalog.Region(request.Region);
        if (region is null)
        {
            return QuoteAnswer.Refused(QuoteRefusal.UnknownRegion);
        }
        var product = await catalog.Product(request.Sku);
        if (product is null)
        {
            return QuoteAnswer.Refused(QuoteRefusal.UnknownProduct);
        }
        if (request.SaleId is not null && product.SalePrices.All(s => s.SaleId != request.SaleId))
        {
            return QuoteAnswer.Refused(QuoteRefusal.UnknownSale);
        }
        if (PriceBook.For(product, region.Code, region.Currency, request.SaleId) is not { } price)
        {
            return QuoteAnswer.Refused(QuoteRefusal.NotSoldInRegion);
        }
        Discount? discount = null;
        PromoOutcome? promo = null;
        if (request.PromoCode is { } entered)
        {
            var code = PromoRules.Normalize(entered);
            var subtotal = Money.Of(price.Price.Amount * request.Quantity, region.Currency);
            (discount, var reason) = PromoRules.Evaluate(
                await catalog.Promo(code), region.Code, subtotal, request.SaleId, request.Sku, clock.GetUtcNow());
            promo = new PromoOutcome(code, discount is not null, reason);
        }
        return QuoteAnswer.Of(QuoteCalculator.Compute(region, price.Price, request.Quantity, discount, promo),
            product.ShipsFrom, Marketplace.DeliveryPromise.Window(region, product.ShipsFrom, clock.GetUtcNow()));
    }

    public Task<Product?> GetProduct(string sku) => catalog.Product(sku).AsTask();

    public Task<RegionTable> GetRegions() => catalog.Regions();

    public Task<ImmutableArray<SaleSnapshot>> GetSales() => catalog.Sales();

    public Task<SaleSnapshot?> GetSale(string saleId) => catalog.Sale(saleId);

    public Task<Marketplace.RatingSummary> GetRating(string sku) => catalog.Rating(sku);
}
