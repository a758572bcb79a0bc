namespace FlashSale.Marketplace;

[GenerateSerializer, Alias("flashsale.dispute-board-state")]
public sealed class DisputeBoardState
{
    /// <summary>Every dispute by order id: the open ones, and the latest resolved ones up to a bound.</summary>
    [Id(0)]
    public Dictionary<string, DisputeEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}
