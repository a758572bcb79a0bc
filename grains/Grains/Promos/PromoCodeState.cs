namespace FlashSale.Promos;

[GenerateSerializer, Alias("flashsale.promo-code-state")]
public sealed class PromoCodeState
{
    [Id(0)] public PromoDefinition? Definition { get; set; }
    [Id(1)] public bool Disabled { get; set; }

    /// <summary>The code's redemptions when it has a single allowance (its shards keep them otherwise).</summary>
    [Id(2)] public RedemptionLedger Ledger { get; set; } = new();
}
