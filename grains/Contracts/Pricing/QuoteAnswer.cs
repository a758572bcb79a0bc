namespace FlashSale.Pricing;

/// <summary>
/// A quote, or the reason there is none; with where the item ships from and the delivery promise for an order made now,
/// so a front end answers a quote with one call.
/// </summary>
[GenerateSerializer, Immutable, Alias("flashsale.quote-answer")]
public sealed record QuoteAnswer(
    [property: Id(0)] Quote? Quote,
    [property: Id(1)] QuoteRefusal Refusal,
    [property: Id(2)] string? ShipsFrom = null,
    [property: Id(3)] Marketplace.DeliveryWindow? DeliveryBy = null)
{
    public static QuoteAnswer Of(Quote quote, string? shipsFrom, Marketplace.DeliveryWindow deliveryBy) =>
        new(quote, QuoteRefusal.None, shipsFrom, deliveryBy);

    public static QuoteAnswer Refused(QuoteRefusal refusal) => new(null, refusal);
}
