using FlashSale.Marketplace;

namespace FlashSale.Client.Features.Fulfilment;

/// <summary>The answer to a call on an order's journey: the journey, or the problem its outcome names.</summary>
public static class JourneyProblems
{
    public static Results<Ok<JourneyView>, ProblemHttpResult> Answer(string orderId, JourneyResult result, DateTimeOffset now) => result.Outcome switch
    {
        JourneyOutcome.Done => TypedResults.Ok(JourneyView.From(result.Journey!, now)),
        JourneyOutcome.NotPaid => Problems.Problem(409, "order-not-paid", "The order is not paid.", "Only a paid order ships, can be disputed, refunded or reviewed."),
        JourneyOutcome.WrongStage => Problems.Problem(409, "order-stage-invalid", "Not at this stage of the order.",
            $"The order is {Stage(result)}: ship a paid order, deliver a shipped one; a cancelled order cannot be disputed."),
        JourneyOutcome.WindowClosed => Problems.Problem(409, "dispute-window-closed", "The protection window has closed.",
            $"Disputes on this order could be opened until {result.Journey?.ProtectionEndsAt:u}."),
        JourneyOutcome.DisputeExists => Problems.Problem(409, "dispute-exists", "This order has a dispute.", "One dispute per order; the store answers it in the console."),
        JourneyOutcome.NoOpenDispute => Problems.Problem(409, "no-open-dispute", "No open dispute.", "This order has no open dispute to resolve."),
        JourneyOutcome.ExceedsPaid => Problems.Problem(409, "refund-exceeds-paid", "More than was paid.",
            $"Refunds of this order may add up to what was paid; {result.Journey?.Refundable} is left (in the order's currency, with its decimals)."),
        JourneyOutcome.InexactAmount => Problems.Validation("amount", $"The order is in {result.Journey?.Order.Quote.Total.Currency}: no more decimals than it has."),
        JourneyOutcome.KeyReused => IdempotencyKeys.Reused(),
        JourneyOutcome.NotDelivered => Problems.Problem(409, "order-not-delivered", "The order is not delivered.", "Only a delivered order can be reviewed."),
        JourneyOutcome.AlreadyReviewed => Problems.Problem(409, "already-reviewed", "This order has a review.", "One review per order."),
        _ => Problems.NotFound($"No paid order '{orderId}'.", "No such order."),
    };

    private static string Stage(JourneyResult result) => result.Journey is { } journey ? JourneyView.Wire(journey.Stage) : "unknown";
}
