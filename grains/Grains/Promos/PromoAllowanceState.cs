using FlashSale.Orders;

namespace FlashSale.Promos;

/// <summary>What a promo allowance share keeps in memory and in its snapshots.</summary>
[GenerateSerializer, Alias("flashsale.promo-allowance-state")]
public sealed class PromoAllowanceState : ISnapshotState<PromoAllowanceState>
{
    [Id(0)] public PromoDefinition? Definition { get; set; }
    [Id(1)] public int Index { get; set; }
    [Id(2)] public RedemptionLedger Ledger { get; set; } = new();

    /// <summary>Redemptions given to siblings, by transfer id (so a retried transfer gets the same answer, however late).</summary>
    [Id(3)] public Dictionary<string, int> Donations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Transfers asked for and not yet booked: transfer id to the donor's index.</summary>
    [Id(4)] public Dictionary<string, int> Incoming { get; set; } = new(StringComparer.Ordinal);

    [Id(5)] public long TransferSequence { get; set; }

    public PromoAllowanceState CopyForSnapshot() => new()
    {
        Definition = Definition,
        Index = Index,
        Ledger = Ledger.Copy(),
        Donations = new(Donations, Donations.Comparer),
        Incoming = new(Incoming, Incoming.Comparer),
        TransferSequence = TransferSequence,
    };
}
