namespace FlashSale.Sales;

/// <summary>Every sale id, for listings (read through each silo's cache, never per shopper request).</summary>
[Alias("flashsale.sale-directory")]
public interface ISaleDirectoryGrain : IGrainWithIntegerKey
{
    const long Key = 0;

    [Alias("add")]
    Task Add(string saleId);

    [ReadOnly, Alias("all")]
    Task<ImmutableArray<string>> GetAll();
}
