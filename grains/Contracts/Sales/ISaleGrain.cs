namespace FlashSale.Sales;

/// <summary>
/// A sale's definition and controls, keyed by sale id. Not on the buy path: shards carry what a hold needs.
/// A change is answered once it is recorded; the sale then delivers it to every shard, again and again until each
/// confirmed. A marketer's Idempotency-Key makes a change safe to retry: the same key is applied once.
/// </summary>
[Alias("flashsale.sale")]
public interface ISaleGrain : IGrainWithStringKey
{
    [Alias("create")]
    Task<CreateSaleOutcome> Create(SaleDefinition definition, string? idempotencyKey = null);

    /// <summary>The sale with live numbers from its shards (recounted at most a few times a second).</summary>
    [Alias("snapshot"), Orleans.Concurrency.AlwaysInterleave]
    Task<SaleSnapshot?> GetSnapshot();

    [Alias("pause")]
    Task<SaleChange> Pause(string? idempotencyKey = null);

    [Alias("resume")]
    Task<SaleChange> Resume(string? idempotencyKey = null);

    [Alias("end")]
    Task<SaleChange> End(string? idempotencyKey = null);

    /// <summary>Turns the sale's waiting room on at a rate, or off (null); the front ends follow within a second.</summary>
    [Alias("waiting-room")]
    Task<SaleChange> SetWaitingRoom(WaitingRoom? room, string? idempotencyKey = null);

    /// <summary>
    /// Replaces the sale's definition with <paramref name="amended"/> (validated; same id): before the start anything
    /// (stock only until a minute before it), once started only the name and the items' per-customer limits. The
    /// shards get the new definition until each confirmed, as with the set-up.
    /// </summary>
    [Alias("amend")]
    Task<SaleChange> Amend(SaleDefinition amended, string? idempotencyKey = null);

    /// <summary>Adds units to an item; with a key, a retry adds nothing (the key names the restock).</summary>
    [Alias("restock")]
    Task<SaleChange> Restock(string sku, int quantity, string? idempotencyKey = null);
}
