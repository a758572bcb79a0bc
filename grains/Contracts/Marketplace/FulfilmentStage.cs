namespace FlashSale.Marketplace;

/// <summary>Where a paid order is on its way to the shopper.</summary>
[GenerateSerializer, Alias("flashsale.fulfilment-stage")]
public enum FulfilmentStage
{
    Paid,
    Shipped,
    Delivered,

    /// <summary>Refunded in full before it shipped: nothing will be sent.</summary>
    Cancelled,
}
