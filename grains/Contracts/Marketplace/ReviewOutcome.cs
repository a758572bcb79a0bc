namespace FlashSale.Marketplace;

/// <summary>How posting a review ended.</summary>
[GenerateSerializer, Alias("flashsale.review-outcome")]
public enum ReviewOutcome
{
    /// <summary>Recorded now, or this very review was recorded before (a retry).</summary>
    Posted,

    /// <summary>The order already has a different review.</summary>
    AlreadyReviewed,

    /// <summary>The order is not the caller's, not paid, or not delivered.</summary>
    NotDelivered,

    NotFound,
}
