namespace FlashSale.Sales;

/// <summary>A sale's definition and controls, keyed by sale id. Not on the buy path: shards carry what a hold needs.</summary>
[Alias("flashsale.sale")]
public interface ISaleGrain : IGrainWithStringKey
{
    [Alias("create")]
    Task<CreateSaleOutcome> Create(SaleDefinition definition);

    /// <summary>The sale with live numbers from its shards (recounted at most a few times a second).</summary>
    [Alias("snapshot"), Orleans.Concurrency.AlwaysInterleave]
    Task<SaleSnapshot?> GetSnapshot();

    [Alias("pause")]
    Task<SaleSnapshot?> Pause();

    [Alias("resume")]
    Task<SaleSnapshot?> Resume();

    [Alias("end")]
    Task<SaleSnapshot?> End();

    /// <summary>Adds units to an item; false when the sale has no such item.</summary>
    [Alias("restock")]
    Task<bool> Restock(string sku, int quantity);
}
