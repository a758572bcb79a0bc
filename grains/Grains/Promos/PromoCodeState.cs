namespace FlashSale.Promos;

[GenerateSerializer, Alias("flashsale.promo-code-state")]
public sealed class PromoCodeState
{
    [Id(0)] public PromoDefinition? Definition { get; set; }
    [Id(1)] public bool Disabled { get; set; }

    /// <summary>The code's redemptions when it has a single allowance (its shards keep them otherwise).</summary>
    [Id(2)] public RedemptionLedger Ledger { get; set; } = new();

    /// <summary>Every allowance share of a shared code confirmed its start (until then housekeeping starts the missing ones).</summary>
    [Id(3)] public bool SharesReady { get; set; }
}
