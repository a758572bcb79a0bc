namespace FlashSale.Sales;

[GenerateSerializer, Alias("flashsale.sale-directory-state")]
public sealed class SaleDirectoryState
{
    [Id(0)]
    public List<string> SaleIds { get; set; } = [];
}
