namespace FlashSale.Orders;

/// <summary>An outcome, with the order when there is one, and a reason (e.g. why a promo code was refused).</summary>
[GenerateSerializer, Immutable, Alias("flashsale.order-result")]
public sealed record OrderResult(
    [property: Id(0)] OrderOutcome Outcome,
    [property: Id(1)] Order? Order,
    [property: Id(2)] string? Reason = null)
{
    public static OrderResult Refused(OrderOutcome outcome, string? reason = null) => new(outcome, null, reason);
}
