using FlashSale.Sales;

namespace FlashSale.Orders;

/// <summary>
/// Everything a stock shard must not forget, kept small: counters, live holds, confirmed orders (bounded
/// by the stock), cancelled and expired orders of the last day (for idempotent replies) and transfers in progress.
/// </summary>
[GenerateSerializer, Alias("flashsale.stock-shard-state")]
public sealed class StockShardState
{
    [Id(0)] public ShardSetup? Setup { get; set; }
    [Id(1)] public SaleControl Control { get; set; } = SaleControl.Running;
    [Id(2)] public int Allocated { get; set; }
    [Id(3)] public int Sold { get; set; }
    /// <summary>Live holds by the last part of their order id.</summary>
    [Id(4)] public Dictionary<string, HoldRecord> Holds { get; set; } = new(StringComparer.Ordinal);
    [Id(5)] public Dictionary<string, int> UnitsByCustomer { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Confirmed orders, and cancelled or expired ones of the last day, by the last part of their order id.</summary>
    [Id(6)] public Dictionary<string, HoldRecord> Resolved { get; set; } = new(StringComparer.Ordinal);
    [Id(7)] public long Orders { get; set; }
    [Id(8)] public Rejections Rejected { get; set; } = Rejections.None;

    /// <summary>Units given to siblings, by transfer id (so a retried transfer gets the same answer).</summary>
    [Id(9)] public List<KeyValuePair<string, int>> Donations { get; set; } = [];

    /// <summary>Transfers this shard asked for and has not yet booked, by transfer id: the donor's index.</summary>
    [Id(10)] public Dictionary<string, int> Incoming { get; set; } = new(StringComparer.Ordinal);

    [Id(11)] public HashSet<string> Restocks { get; set; } = new(StringComparer.Ordinal);

    [Id(13)] public long TransferSequence { get; set; }
    [Id(14)] public long Batches { get; set; }
    [Id(15)] public long BatchedRequests { get; set; }

    public int Held => Holds.Values.Sum(h => h.Quantity);

    public int Available => Allocated - Sold - Held;
}
