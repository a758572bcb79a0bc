namespace FlashSale.Promos;

[GenerateSerializer, Alias("flashsale.promo-code-state")]
public sealed class PromoCodeState
{
    [Id(0)] public PromoDefinition? Definition { get; set; }
    [Id(1)] public bool Disabled { get; set; }
    [Id(2)] public int Redeemed { get; set; }

    /// <summary>Redemptions held by live orders: order id to (customer, when to look at the order again).</summary>
    [Id(3)] public Dictionary<string, KeyValuePair<string, DateTimeOffset>> Holds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Orders whose redemption is confirmed (so a repeated confirm or reserve changes nothing).</summary>
    [Id(4)] public HashSet<string> Confirmed { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Redemptions per customer, held and confirmed.</summary>
    [Id(5)] public Dictionary<string, int> PerCustomer { get; set; } = new(StringComparer.Ordinal);

    [Id(6)] public DateTimeOffset? LastUsedAt { get; set; }
}
