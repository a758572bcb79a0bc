namespace FlashSale.Sales;

/// <summary>
/// A shopper's place in a sale's waiting room: the <see cref="Position"/>-th arrival, let through to buy from
/// <see cref="AdmitAt"/> on (at once when that is not in the future).
/// </summary>
[GenerateSerializer, Immutable, Alias("flashsale.admission")]
public sealed record Admission([property: Id(0)] long Position, [property: Id(1)] DateTimeOffset AdmitAt);
