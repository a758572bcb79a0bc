namespace FlashSale.Marketplace;

/// <summary>The console's list of disputes: every open one and the latest resolved ones. The order's grain is the record; this is its index.</summary>
[Alias("flashsale.dispute-board")]
public interface IDisputeBoardGrain : IGrainWithIntegerKey
{
    const long Key = 0;

    /// <summary>Resolved disputes kept on the board.</summary>
    const int ResolvedKept = 200;

    /// <summary>Adds or updates an order's entry (the same entry again changes nothing).</summary>
    [Alias("post")]
    Task Post(DisputeEntry entry);

    [ReadOnly, Alias("all")]
    Task<ImmutableArray<DisputeEntry>> GetAll();
}
