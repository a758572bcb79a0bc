using FlashSale.Client.Auth;
using FlashSale.Domain;
using FlashSale.Pricing;
using FlashSale.Regions;

namespace FlashSale.Client.Features.Catalog;

public static class RegionsApi
{
    public static IEndpointRouteBuilder MapRegionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/regions", ListRegions).WithTags("Regions");
        app.MapPut("/api/admin/regions/{code}", PutRegion).WithTags("Marketer").RequireAuthorization(AuthHosting.MarketerPolicy)
            .ProducesProblems(400, 401, 403, 503).WithDescription(IdempotencyKeys.NaturallyIdempotent);
        return app;
    }

    private static async Task<Ok<RegionView[]>> ListRegions(IGrainFactory grains)
    {
        var table = await grains.Pricing().GetRegions();
        return TypedResults.Ok(table.Regions.Select(RegionView.From).ToArray());
    }

    private static async Task<Results<Created<RegionView>, Ok<RegionView>, ProblemHttpResult>> PutRegion(
        string code, RegionRequest body, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var deliveryDays = body.DeliveryDays?.ToDays(errors);
        var region = RegionRules.Validate(
            code, body.Name, body.Currency, body.TaxRate, body.PricesIncludeTax, body.ShippingFee, body.FreeShippingThreshold, errors,
            deliveryDays, body.ProtectionDays, body.AutoRefundLate);
        if (region is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var outcome = await grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key).Put(region);
        var view = RegionView.From(region);
        return outcome == UpsertOutcome.Created
            ? TypedResults.Created($"/api/regions/{region.Code}", view)
            : TypedResults.Ok(view);
    }
}
