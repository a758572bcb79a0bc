namespace FlashSale.Client.Features.Sales;

/// <summary>A storefront view as JSON, or why there is none (the region is not the store's, or the sale is not in it).</summary>
public sealed record SaleView(bool RegionKnown, byte[]? Json)
{
    public static readonly SaleView UnknownRegion = new(false, null);
    public static readonly SaleView UnknownSale = new(true, null);
}
