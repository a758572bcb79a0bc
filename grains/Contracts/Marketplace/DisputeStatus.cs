namespace FlashSale.Marketplace;

[GenerateSerializer, Alias("flashsale.dispute-status")]
public enum DisputeStatus
{
    Open,
    Refunded,
    Rejected,
}
