namespace FlashSale.Client.Features.Catalog;

/// <summary>The dates a parcel is promised between (both included).</summary>
public sealed record DeliveryByView(DateOnly Earliest, DateOnly Latest)
{
    public static DeliveryByView From(Marketplace.DeliveryWindow window) => new(window.Earliest, window.Latest);
}
