namespace FlashSale.Marketplace;

/// <summary>A dispute as the console's list shows it.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.dispute-entry")]
public sealed record DisputeEntry(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Sku,
    [property: Id(3)] string Region,
    [property: Id(4)] Dispute Dispute);
