namespace FlashSale.Marketplace;

/// <summary>Money given back on an order, in the order's currency, under an id that makes a retry a no-op.</summary>
/// <param name="Requested">What was asked for (null: all that was left), to tell a retry from another refund under the same id.</param>
/// <param name="Restocks">Whether the order's units go back to the sale's stock (a cancellation before shipping).</param>
[GenerateSerializer, Immutable, Alias("flashsale.refund")]
public sealed record Refund(
    [property: Id(0)] string RefundId,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] decimal? Requested,
    [property: Id(3)] string Reason,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] bool Restocks);
