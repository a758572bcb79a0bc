namespace FlashSale.Marketplace;

/// <summary>The dates (UTC) a parcel is promised between, both included.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.delivery-window")]
public sealed record DeliveryWindow(
    [property: Id(0)] DateOnly Earliest,
    [property: Id(1)] DateOnly Latest);
