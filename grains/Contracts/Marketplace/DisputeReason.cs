namespace FlashSale.Marketplace;

[GenerateSerializer, Alias("flashsale.dispute-reason")]
public enum DisputeReason
{
    NotReceived,
    NotAsDescribed,
}
