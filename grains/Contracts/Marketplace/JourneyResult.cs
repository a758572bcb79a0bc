namespace FlashSale.Marketplace;

[GenerateSerializer, Immutable, Alias("flashsale.journey-result")]
public sealed record JourneyResult(
    [property: Id(0)] JourneyOutcome Outcome,
    [property: Id(1)] OrderJourney? Journey,
    [property: Id(2)] string? Reason = null)
{
    public static JourneyResult Refused(JourneyOutcome outcome, OrderJourney? journey = null, string? reason = null) => new(outcome, journey, reason);
}
