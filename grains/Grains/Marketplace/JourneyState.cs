namespace FlashSale.Marketplace;

/// <summary>What happened to a paid order after payment (the order itself is a row of the orders table).</summary>
[GenerateSerializer, Alias("flashsale.journey-state")]
public sealed class JourneyState
{
    [Id(0)]
    public FulfilmentStage Stage { get; set; }

    [Id(1)]
    public string? Tracking { get; set; }

    [Id(2)]
    public DateTimeOffset? ShippedAt { get; set; }

    [Id(3)]
    public DateTimeOffset? DeliveredAt { get; set; }

    [Id(4)]
    public Dispute? Dispute { get; set; }

    [Id(5)]
    public List<Refund> Refunds { get; set; } = [];

    /// <summary>A refund whose units were not yet given back to the sale (finished on the next call).</summary>
    [Id(6)]
    public bool RestockPending { get; set; }

    [Id(7)]
    public bool Reviewed { get; set; }
}
