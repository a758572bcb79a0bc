using FlashSale.Catalog;

namespace FlashSale.Marketplace;

internal sealed class ProductReviewsGrain(
    [PersistentState("reviews", StorageNames.Main)] IPersistentState<ProductReviewsState> reviews,
    CatalogCache cache) : Grain, IProductReviewsGrain
{
    private RatingSummary? _summary;

    public async Task<ReviewOutcome> Post(Review review)
    {
        if (reviews.State.Reviews.TryGetValue(review.OrderId, out var existing))
        {
            return Same(existing, review) ? ReviewOutcome.Posted : ReviewOutcome.AlreadyReviewed;
        }
        reviews.State.Reviews[review.OrderId] = review;
        await Save();
        return ReviewOutcome.Posted;
    }

    public async Task<bool> SetHidden(string orderId, bool hidden)
    {
        if (!reviews.State.Reviews.TryGetValue(orderId, out var review))
        {
            return false;
        }
        if (review.Hidden != hidden)
        {
            reviews.State.Reviews[orderId] = review with { Hidden = hidden };
            await Save();
        }
        return true;
    }

    public Task<RatingSummary> GetSummary() => Task.FromResult(_summary ??= Summarize());

    public Task<ImmutableArray<Review>> GetReviews(bool includeHidden, int limit) => Task.FromResult<ImmutableArray<Review>>([..
        reviews.State.Reviews.Values.Where(r => includeHidden || !r.Hidden).OrderByDescending(r => r.At).Take(Math.Clamp(limit, 0, 1000))]);

    public Task<Review?> GetReview(string orderId) => Task.FromResult(reviews.State.Reviews.GetValueOrDefault(orderId));

    /// <summary>A retry of the same review (same shopper, rating and text), whenever it was first recorded.</summary>
    private static bool Same(Review a, Review b) => a.CustomerId == b.CustomerId && a.Rating == b.Rating && a.Text == b.Text;

    private RatingSummary Summarize()
    {
        var visible = reviews.State.Reviews.Values.Where(r => !r.Hidden).ToList();
        return RatingSummary.Of(visible.Sum(r => (long)r.Rating), visible.Count);
    }

    private async Task Save()
    {
        _summary = null;
        await reviews.WriteStateOrDeactivate(this);
        cache.ForgetRating(this.GetPrimaryKeyString());
    }
}
