namespace FlashSale.Promos;

[GenerateSerializer, Alias("flashsale.promo-batch-state")]
public sealed class PromoBatchState
{
    [Id(0)] public PromoBatch? Batch { get; set; }

    /// <summary>Hex of 32 random bytes: the batch's codes are drawn from it, so only storage can tell them.</summary>
    [Id(1)] public string? Seed { get; set; }
}
