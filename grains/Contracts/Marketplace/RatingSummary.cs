namespace FlashSale.Marketplace;

/// <summary>A product's visible reviews in two numbers: how many, and their mean rating (1-5, two decimals; 0 when none).</summary>
[GenerateSerializer, Immutable, Alias("flashsale.rating-summary")]
public sealed record RatingSummary(
    [property: Id(0)] decimal Average,
    [property: Id(1)] int Count)
{
    public static readonly RatingSummary None = new(0m, 0);

    /// <summary>The summary of ratings that add up to <paramref name="sum"/> over <paramref name="count"/> reviews.</summary>
    public static RatingSummary Of(long sum, int count) =>
        count == 0 ? None : new(decimal.Round((decimal)sum / count, 2, MidpointRounding.AwayFromZero), count);
}
