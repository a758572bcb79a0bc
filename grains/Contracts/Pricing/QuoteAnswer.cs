namespace FlashSale.Pricing;

/// <summary>A quote, or the reason there is none.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.quote-answer")]
public sealed record QuoteAnswer(
    [property: Id(0)] Quote? Quote,
    [property: Id(1)] QuoteRefusal Refusal)
{
    public static QuoteAnswer Of(Quote quote) => new(quote, QuoteRefusal.None);

    public static QuoteAnswer Refused(QuoteRefusal refusal) => new(null, refusal);
}
