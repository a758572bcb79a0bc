using FlashSale.Client.Auth;
using FlashSale.Domain;
using FlashSale.Marketplace;
using FlashSale.Pricing;
using FlashSale.Products;
using FlashSale.Regions;

namespace FlashSale.Client.Features.Catalog;

public static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/products/{sku}", GetProduct).WithTags("Catalog").ProducesProblems(400, 404).CacheOutput(StorefrontCache.Policy);
        var admin = app.MapGroup("/api/admin/products").WithTags("Marketer").RequireAuthorization(AuthHosting.MarketerPolicy)
            .ProducesProblems(400, 401, 403);
        admin.MapPut("/{sku}", PutProduct).ProducesProblems(503).WithDescription(IdempotencyKeys.NaturallyIdempotent);
        admin.MapGet("/", ListProducts);
        return app;
    }

    private static async Task<Results<Ok<ShopProductView>, ProblemHttpResult>> GetProduct(
        string sku, string? region, IGrainFactory grains, ShopClock clock)
    {
        if (string.IsNullOrWhiteSpace(region))
        {
            return Problems.Validation("region", "Required: the region whose price to show (e.g. ?region=BR).");
        }
        var pricing = grains.Pricing();
        var code = RegionRules.NormalizeCode(region);
        var regions = await pricing.GetRegions();
        if (regions.Regions.FirstOrDefault(r => r.Code == code) is not { } shopRegion)
        {
            return Problems.Validation("region", $"'{region}' is not a region of this store.");
        }
        var product = await pricing.GetProduct(sku);
        if (product is null || PriceBook.For(product, code, shopRegion.Currency, null) is not { } price)
        {
            return Problems.NotFound($"No product '{sku}' is sold in {code}.", "No such product.");
        }
        return TypedResults.Ok(new ShopProductView(
            product.Sku, product.Name, product.Description, product.Category, product.ImageUrl, code, price.ListPrice,
            product.ShipsFrom, DeliveryPromise.IsLocal(shopRegion, product.ShipsFrom),
            DeliveryByView.From(DeliveryPromise.Window(shopRegion, product.ShipsFrom, clock.GetUtcNow())),
            RatingView.From(await pricing.GetRating(product.Sku))));
    }

    private static async Task<Ok<ProductView[]>> ListProducts(IGrainFactory grains)
    {
        var skus = await grains.GetGrain<IProductDirectoryGrain>(IProductDirectoryGrain.Key).GetAll();
        var products = await Task.WhenAll(skus.Select(sku => grains.GetGrain<IProductGrain>(sku).Get()));
        return TypedResults.Ok(products.OfType<Product>().Select(ProductView.From).ToArray());
    }

    private static async Task<Results<Created<ProductView>, Ok<ProductView>, ProblemHttpResult>> PutProduct(
        string sku, ProductRequest body, IGrainFactory grains)
    {
        // Marketers read their own writes: validate against the region table itself, not a silo's cache.
        var regions = await grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key).GetAll();
        var errors = new FieldErrors();
        var details = ProductRules.Validate(sku, body.Name, body.Description, body.Category, body.ImageUrl, body.ListPrices, regions, errors, body.ShipsFrom);
        if (details is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var outcome = await grains.GetGrain<IProductGrain>(sku).Put(details);
        var view = ProductView.From(sku, details);
        return outcome == UpsertOutcome.Created ? TypedResults.Created($"/api/products/{sku}", view) : TypedResults.Ok(view);
    }
}
