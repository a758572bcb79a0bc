namespace FlashSale.Promos;

/// <summary>A code's rules with its live counts, as read by quotes, holds and the console.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.promo-snapshot")]
public sealed record PromoSnapshot(
    [property: Id(0)] PromoDefinition Definition,
    [property: Id(1)] bool Disabled,
    [property: Id(2)] PromoCounts Counts);
