namespace FlashSale.Marketplace;

/// <summary>
/// The reviews of one product, keyed by SKU: one per delivered order (checked by the order's fulfilment grain, the only
/// caller of <see cref="Post"/>), their visible count and mean kept in memory for the catalog cache.
/// </summary>
[Alias("flashsale.product-reviews")]
public interface IProductReviewsGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="review"/>; the same review again is a no-op, another one for the same order is refused.</summary>
    [Alias("post")]
    Task<ReviewOutcome> Post(Review review);

    /// <summary>Hides or shows the review of an order; false when there is none.</summary>
    [Alias("hide")]
    Task<bool> SetHidden(string orderId, bool hidden);

    [ReadOnly, Alias("summary")]
    Task<RatingSummary> GetSummary();

    /// <summary>The newest reviews first, at most <paramref name="limit"/>; hidden ones only when asked for (the console).</summary>
    [ReadOnly, Alias("list")]
    Task<ImmutableArray<Review>> GetReviews(bool includeHidden, int limit);

    /// <summary>The review of one order, if any.</summary>
    [ReadOnly, Alias("of-order")]
    Task<Review?> GetReview(string orderId);
}
