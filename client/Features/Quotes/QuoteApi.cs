using FlashSale.Domain;
using FlashSale.Pricing;
using FlashSale.Products;
using FlashSale.Regions;

namespace FlashSale.Client.Features.Quotes;

public static class QuoteApi
{
    /// <summary>Most units one quote or order line may ask for (a sale's per-customer limit can only lower it).</summary>
    public const int MaxQuantity = 100;

    public static IEndpointRouteBuilder MapQuoteApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/quote", PostQuote).WithTags("Shopping").ProducesProblems(400, 404);
        return app;
    }

    private static async Task<Results<Ok<QuoteView>, ProblemHttpResult>> PostQuote(QuoteBody body, IGrainFactory grains)
    {
        if (Check(body) is { } invalid)
        {
            return invalid;
        }
        // One call: the answer carries where the item ships from and the delivery promise for an order made now.
        var answer = await grains.Pricing().Quote(ToRequest(body));
        return answer.Refusal switch
        {
            QuoteRefusal.None => TypedResults.Ok(QuoteView.From(answer.Quote!) with
            {
                ShipsFrom = answer.ShipsFrom,
                DeliveryBy = answer.DeliveryBy is { } window ? DeliveryByView.From(window) : null,
            }),
            QuoteRefusal.UnknownRegion => Problems.Validation("region", $"'{body.Region}' is not a region of this store."),
            QuoteRefusal.NotSoldInRegion => Problems.Validation("region", $"'{body.Sku}' is not sold in {body.Region}."),
            QuoteRefusal.UnknownProduct => Problems.NotFound($"No product '{body.Sku}'.", "No such product."),
            _ => Problems.NotFound($"No sale '{body.SaleId}' offers '{body.Sku}'.", "No such sale."),
        };
    }

    /// <summary>Shape checks shared by quotes and orders: which fields are there and well formed.</summary>
    public static ProblemHttpResult? Check(QuoteBody body)
    {
        var errors = new FieldErrors();
        if (!ProductRules.IsValidSku(body.Sku))
        {
            errors.Add("sku", body.Sku is null ? "Required." : "Not a SKU (1-64 letters, digits, '.', '_' or '-').");
        }
        if (body.Quantity is null)
        {
            errors.Add("quantity", "Required.");
        }
        else if (body.Quantity is < 1 or > MaxQuantity)
        {
            errors.Add("quantity", $"From 1 to {MaxQuantity}.");
        }
        if (string.IsNullOrWhiteSpace(body.Region))
        {
            errors.Add("region", "Required.");
        }
        else if (!CountryCodes.IsAssigned(RegionRules.NormalizeCode(body.Region)))
        {
            errors.Add("region", $"'{body.Region}' is not an ISO 3166-1 alpha-2 region code.");
        }
        if (body.SaleId is { } saleId && (saleId.Length is 0 or > 64 || saleId.Any(char.IsControl)))
        {
            errors.Add("saleId", "1-64 characters.");
        }
        if (body.PromoCode is { } code && (code.Trim().Length is 0 or > 64 || code.Any(char.IsControl)))
        {
            errors.Add("promoCode", "1-64 characters.");
        }
        return errors.IsEmpty ? null : Problems.Validation(errors.ToDictionary());
    }

    public static QuoteRequest ToRequest(QuoteBody body) =>
        new(body.SaleId, body.Sku!, body.Quantity!.Value, RegionRules.NormalizeCode(body.Region!), body.PromoCode?.Trim());
}
