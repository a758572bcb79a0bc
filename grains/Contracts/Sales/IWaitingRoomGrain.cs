namespace FlashSale.Sales;

/// <summary>
/// The line of a sale's waiting room, keyed by sale id: one per sale across the cluster, so every front end's
/// shoppers are served in the order they arrived. Its answers come from memory.
/// </summary>
[Alias("flashsale.waiting-room-line")]
public interface IWaitingRoomGrain : IGrainWithStringKey
{
    /// <summary>
    /// The place of <paramref name="customerId"/> in line at <paramref name="admitPerSecond"/> admissions a second
    /// (the sale's setting, as the front end read it); asked again, a shopper keeps the place they have.
    /// </summary>
    [Alias("arrive")]
    Task<Admission> Arrive(string customerId, int admitPerSecond);
}
