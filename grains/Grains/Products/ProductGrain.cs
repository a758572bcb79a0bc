using FlashSale.Catalog;
using FlashSale.Pricing;

namespace FlashSale.Products;

internal sealed class ProductGrain(
    [PersistentState("product", StorageNames.Main)] IPersistentState<ProductState> product,
    ShopClock clock,
    CatalogCache cache) : Grain, IProductGrain
{
    private Product? _view;

    public async Task<UpsertOutcome> Put(ProductDetails details)
    {
        var outcome = product.State.Details is null ? UpsertOutcome.Created : UpsertOutcome.Updated;
        var now = clock.GetUtcNow();
        foreach (var (region, amount) in details.ListPrices)
        {
            if (product.State.Details?.ListPrices.GetValueOrDefault(region) != amount)
            {
                product.State.ListPriceHistory[region] = PriceBook.Record(
                    product.State.ListPriceHistory.GetValueOrDefault(region), new PricePoint(now, amount));
            }
        }
        product.State.Details = details;
        await Save();
        // Every time, not only on creation: a retried PUT repairs a listing the first attempt did not reach.
        await GrainFactory.GetGrain<IProductDirectoryGrain>(IProductDirectoryGrain.Key).Add(this.GetPrimaryKeyString());
        return outcome;
    }

    public Task<Product?> Get() => Task.FromResult(_view ??= BuildView());

    public async Task SetSalePrice(SalePrice price)
    {
        var existing = product.State.SalePrices.FindIndex(p => p.SaleId == price.SaleId);
        if (existing >= 0 && product.State.SalePrices[existing] == price)
        {
            return;
        }
        if (existing >= 0)
        {
            product.State.SalePrices[existing] = price;
        }
        else
        {
            product.State.SalePrices.Add(price);
        }
        // Sales that ended long ago can no longer be part of any prior price.
        var cutoff = clock.GetUtcNow() - PriceBook.HistoryKept;
        product.State.SalePrices.RemoveAll(p => p.EndsAt < cutoff);
        await Save();
    }

    private async Task Save()
    {
        product.State.Version++;
        _view = null;
        await product.WriteStateOrDeactivate(this);
        cache.ForgetProduct(this.GetPrimaryKeyString());
    }

    private Product? BuildView()
    {
        if (product.State.Details is not { } details)
        {
            return null;
        }
        return new Product(
            this.GetPrimaryKeyString(),
            details.Name,
            details.Description,
            details.Category,
            details.ImageUrl,
            details.ListPrices,
            product.State.ListPriceHistory.ToImmutableDictionary(StringComparer.Ordinal),
            [.. product.State.SalePrices],
            product.State.Version,
            details.ShipsFrom);
    }
}
