namespace FlashSale.Promos;

[GenerateSerializer, Alias("flashsale.promo-directory-state")]
public sealed class PromoDirectoryState
{
    /// <summary>Codes in the order they were created.</summary>
    [Id(0)]
    public List<string> Codes { get; set; } = [];
}
