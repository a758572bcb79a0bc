using FlashSale.Sales;

namespace FlashSale.Orders;

/// <summary>What a stock shard keeps in memory and in its snapshots: counters, live holds and the ids of its orders.</summary>
[GenerateSerializer, Alias("flashsale.stock-ledger-state")]
public sealed class StockLedgerState : ISnapshotState<StockLedgerState>
{
    [Id(0)] public ShardSetup? Setup { get; set; }
    [Id(1)] public SaleControl Control { get; set; } = SaleControl.Running;
    [Id(2)] public int Allocated { get; set; }
    [Id(3)] public int Sold { get; set; }
    [Id(4)] public int Held { get; set; }
    [Id(5)] public long Orders { get; set; }

    /// <summary>Live holds by the last part of their order id.</summary>
    [Id(6)] public Dictionary<string, HoldRecord> Holds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Units each customer holds or bought here (the per-customer limit).</summary>
    [Id(7)] public Dictionary<string, int> UnitsByCustomer { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every order ever placed here, by suffix: a retried key finds its order (read from the orders table once resolved).</summary>
    [Id(8)] public HashSet<string> Known { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Units given to siblings, by transfer id, so a retried transfer gets the same answer.</summary>
    [Id(9)] public Dictionary<string, int> Donations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Transfers asked for and not yet booked: the donor's index by transfer id.</summary>
    [Id(10)] public Dictionary<string, int> Incoming { get; set; } = new(StringComparer.Ordinal);

    [Id(11)] public HashSet<string> Restocks { get; set; } = new(StringComparer.Ordinal);
    [Id(12)] public long TransferSequence { get; set; }
    [Id(13)] public Rejections Rejected { get; set; } = Rejections.None;
    [Id(14)] public long Batches { get; set; }
    [Id(15)] public long BatchedRequests { get; set; }

    /// <summary>Holds paid, cancelled and expired, and the money paid per region and currency (for the marketer's board).</summary>
    [Id(16)] public OrderOutcomes Outcomes { get; set; } = OrderOutcomes.None;

    public StockLedgerState CopyForSnapshot() => new()
    {
        Setup = Setup,
        Control = Control,
        Allocated = Allocated,
        Sold = Sold,
        Held = Held,
        Orders = Orders,
        Holds = new(Holds, Holds.Comparer),
        UnitsByCustomer = new(UnitsByCustomer, UnitsByCustomer.Comparer),
        Known = new(Known, Known.Comparer),
        Donations = new(Donations, Donations.Comparer),
        Incoming = new(Incoming, Incoming.Comparer),
        Restocks = new(Restocks, Restocks.Comparer),
        TransferSequence = TransferSequence,
        Rejected = Rejected,
        Batches = Batches,
        BatchedRequests = BatchedRequests,
        Outcomes = Outcomes,
    };
}
