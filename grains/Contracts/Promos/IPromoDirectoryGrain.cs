namespace FlashSale.Promos;

/// <summary>
/// The promo codes marketers created one by one, for the console's list and search (codes of a batch are not listed:
/// a batch can hold 100,000; each is found by its code). Not on any shopper's path.
/// </summary>
[Alias("flashsale.promo-directory")]
public interface IPromoDirectoryGrain : IGrainWithIntegerKey
{
    const long Key = 0;

    /// <summary>The most codes listed (the oldest leave the list first; they still work and are found by code).</summary>
    const int MaxListed = 10_000;

    [Alias("add")]
    Task Add(string code);

    /// <summary>Up to <paramref name="take"/> codes containing <paramref name="search"/> (any when empty), newest first.</summary>
    [ReadOnly, Alias("search")]
    Task<ImmutableArray<string>> Search(string search, int take);
}
