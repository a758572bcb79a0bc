namespace FlashSale.Sales;

/// <summary>
/// What a sale's line keeps in storage so that a new activation (its silo died) serves newcomers after every ticket
/// already given: a turn every ticket's turn comes before (<see cref="Horizon"/>) and how many had arrived.
/// </summary>
[GenerateSerializer, Alias("flashsale.waiting-room-state")]
public sealed class WaitingRoomState
{
    [Id(0)]
    public DateTimeOffset Horizon { get; set; } = DateTimeOffset.MinValue;

    [Id(1)]
    public long Arrivals { get; set; }
}
