using FlashSale.Catalog;
using FlashSale.Products;
using FlashSale.Regions;
using FlashSale.Sales;
using Orleans.Concurrency;

namespace FlashSale.Pricing;

[StatelessWorker]
internal sealed class PricingGrain(CatalogCache catalog) : Grain, IPricingGrain
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
        // Promo codes arrive with the promo-code work; until then every code is unknown.
        var promo = request.PromoCode is { } code ? new PromoOutcome(code, false, "unknown") : null;
        return QuoteAnswer.Of(QuoteCalculator.Compute(region, price.Price, request.Quantity, null, promo));
    }

    public Task<Product?> GetProduct(string sku) => catalog.Product(sku);

    public Task<RegionTable> GetRegions() => catalog.Regions();

    public Task<ImmutableArray<SaleSnapshot>> GetSales() => catalog.Sales();

    public Task<SaleSnapshot?> GetSale(string saleId) => catalog.Sale(saleId);
}
