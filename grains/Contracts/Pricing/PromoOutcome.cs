namespace FlashSale.Pricing;

/// <summary>Whether the code a shopper entered applies, and why not when it does not.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.promo-outcome")]
public sealed record PromoOutcome(
    [property: Id(0)] string Code,
    [property: Id(1)] bool Applied,
    [property: Id(2)] string? Reason);
