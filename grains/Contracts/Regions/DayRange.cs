namespace FlashSale.Regions;

/// <summary>A delivery time in whole days, from the order's day: at least <see cref="Min"/>, at most <see cref="Max"/>.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.day-range")]
public sealed record DayRange(
    [property: Id(0)] int Min,
    [property: Id(1)] int Max);
