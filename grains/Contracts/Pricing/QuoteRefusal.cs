namespace FlashSale.Pricing;

[GenerateSerializer, Alias("flashsale.quote-refusal")]
public enum QuoteRefusal
{
    None,
    UnknownRegion,
    UnknownProduct,
    NotSoldInRegion,
    UnknownSale,
}
