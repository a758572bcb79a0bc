namespace FlashSale.Marketplace;

/// <summary>How a call on an order's journey ended.</summary>
[GenerateSerializer, Alias("flashsale.journey-outcome")]
public enum JourneyOutcome
{
    Done,

    /// <summary>No such order, or not the caller's.</summary>
    NotFound,

    /// <summary>The order is not paid (reserved, cancelled or expired).</summary>
    NotPaid,

    /// <summary>The order is not at a stage that allows this (e.g. delivering an order not shipped).</summary>
    WrongStage,
    WindowClosed,
    DisputeExists,
    NoOpenDispute,
    ExceedsPaid,

    /// <summary>An amount with more decimals than the order's currency has.</summary>
    InexactAmount,
    KeyReused,
    NotDelivered,
    AlreadyReviewed,
}
