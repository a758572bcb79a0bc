using System.Security.Claims;
using FlashSale.Client.Auth;
using FlashSale.Domain;
using FlashSale.Marketplace;
using FlashSale.Pricing;
using FlashSale.Products;

namespace FlashSale.Client.Features.Fulfilment;

/// <summary>The shopper's side of the marketplace: an order's timeline, disputes, reviews, a product's reviews.</summary>
public static class MarketplaceApi
{
    public sealed record DisputeRequest(string? Reason, string? Message);

    public sealed record ReviewRequest(int? Rating, string? Text);

    public sealed record ProductReviewsView(string Sku, RatingView Rating, IReadOnlyList<ReviewView> Reviews);

    public sealed record ReviewView(int Rating, string Text, DateTimeOffset At);

    public static IEndpointRouteBuilder MapMarketplaceApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Shopping").RequireAuthorization(AuthHosting.ShopperPolicy);
        orders.MapGet("/{id}/timeline", Timeline).ProducesProblems(401, 404, 409);
        orders.MapPost("/{id}/dispute", OpenDispute).ProducesProblems(400, 401, 404, 409, 503);
        orders.MapPost("/{id}/review", PostReview).ProducesProblems(400, 401, 404, 409, 503);
        app.MapGet("/api/products/{sku}/reviews", ProductReviews).WithTags("Catalog").ProducesProblems(404);
        return app;
    }

    private static async Task<Results<Ok<JourneyView>, ProblemHttpResult>> Timeline(string id, ClaimsPrincipal user, [AsParameters] OrderJourneys journeys) =>
        await journeys.Answer(id, j => j.Get(CustomerOf(user)));

    private static async Task<Results<Ok<JourneyView>, ProblemHttpResult>> OpenDispute(
        string id, DisputeRequest body, ClaimsPrincipal user, [AsParameters] OrderJourneys journeys)
    {
        var errors = new FieldErrors();
        DisputeReason? reason = body.Reason switch
        {
            "not-received" => DisputeReason.NotReceived,
            "not-as-described" => DisputeReason.NotAsDescribed,
            _ => null,
        };
        if (reason is null)
        {
            errors.Add("reason", "\"not-received\" or \"not-as-described\".");
        }
        var message = errors.CheckText("message", body.Message, RefundRules.MaxMessageLength);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        return await journeys.Answer(id, j => j.OpenDispute(CustomerOf(user), reason!.Value, message!));
    }

    private static async Task<Results<Ok<JourneyView>, ProblemHttpResult>> PostReview(
        string id, ReviewRequest body, ClaimsPrincipal user, [AsParameters] OrderJourneys journeys)
    {
        var errors = new FieldErrors();
        if (ReviewRules.Validate(body.Rating, body.Text, errors) is not var (rating, text))
        {
            return Problems.Validation(errors.ToDictionary());
        }
        return await journeys.Answer(id, j => j.Review(CustomerOf(user), rating, text));
    }

    private static async Task<Results<Ok<ProductReviewsView>, ProblemHttpResult>> ProductReviews(string sku, IGrainFactory grains)
    {
        var pricing = grains.Pricing();
        if (!ProductRules.IsValidSku(sku) || await pricing.GetProduct(sku) is null)
        {
            return Problems.NotFound($"No product '{sku}'.", "No such product.");
        }
        var reviews = await grains.GetGrain<IProductReviewsGrain>(sku).GetReviews(includeHidden: false, ReviewRules.Listed);
        return TypedResults.Ok(new ProductReviewsView(
            sku, RatingView.From(await pricing.GetRating(sku)), [.. reviews.Select(r => new ReviewView(r.Rating, r.Text, r.At))]));
    }

    private static string CustomerOf(ClaimsPrincipal user) => user.FindFirstValue(ShopperTokens.CustomerClaim)!;
}
