namespace FlashSale.Orders;

/// <summary>One hold's answer in a batch (<see cref="IStockShardGrain.HoldMany"/>): its result, or what made it fail.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.hold-answer")]
public sealed record HoldAnswer(
    [property: Id(0)] OrderResult? Result,
    [property: Id(1)] Exception? Failure);
