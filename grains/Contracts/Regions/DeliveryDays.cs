namespace FlashSale.Regions;

/// <summary>How long parcels take to reach a region: from a warehouse in the same country, and from abroad.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.delivery-days")]
public sealed record DeliveryDays(
    [property: Id(0)] DayRange Domestic,
    [property: Id(1)] DayRange CrossBorder)
{
    /// <summary>What a region that sets nothing promises: a few days at home, weeks from abroad.</summary>
    public static readonly DeliveryDays Default = new(new DayRange(2, 5), new DayRange(15, 45));
}
