namespace FlashSale.Client.Features.Catalog;

/// <summary>A product's rating as cards and pages show it: the mean (1-5) and how many reviews it is over.</summary>
public sealed record RatingView(decimal Average, int Count)
{
    public static RatingView From(Marketplace.RatingSummary rating) => new(rating.Average, rating.Count);
}
