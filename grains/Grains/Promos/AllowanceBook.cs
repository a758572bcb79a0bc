using FlashSale.Transfers;

namespace FlashSale.Promos;

/// <summary>
/// A promo allowance share's books, with no Orleans in them: decisions are made here, every change is an event applied
/// to the state and kept for the next journal append (the same way a stock shard's ledger works).
/// </summary>
public sealed class AllowanceBook(PromoAllowanceState state) : ITransferBook
{
    IReadOnlyDictionary<string, int> ITransferBook.Incoming => State.Incoming;

    IReadOnlyDictionary<string, int> ITransferBook.Donations => State.Donations;

    private readonly List<AllowanceEvent> _pending = [];

    public PromoAllowanceState State { get; } = state;

    public RedemptionLedger Ledger => State.Ledger;

    public int PendingEvents => _pending.Count;

    public void Apply(AllowanceEvent change)
    {
        var s = State;
        switch (change)
        {
            case AllowanceStarted e:
                s.Definition = e.Definition;
                s.Index = e.Index;
                s.Ledger.Allocated += e.Allocated;
                break;
            case RedemptionHeld e:
                s.Ledger.Hold(e.OrderId, e.CustomerId, e.ReleaseAfter, e.At);
                break;
            case RedemptionConfirmed e:
                s.Ledger.Confirm(e.OrderId);
                break;
            case RedemptionReleased e:
                s.Ledger.Release(e.OrderId);
                break;
            case AllowanceDonated e:
                s.Donations[e.TransferId] = e.Units;
                s.Ledger.Allocated -= e.Units;
                break;
            case AllowanceAsked e:
                s.Incoming[e.TransferId] = e.Donor;
                s.TransferSequence++;
                break;
            case AllowanceBooked e when s.Incoming.Remove(e.TransferId):
                s.Ledger.Allocated += e.Units;
                break;
        }
    }

    public List<AllowanceEvent> TakeBatch()
    {
        var batch = _pending.ToList();
        _pending.Clear();
        return batch;
    }

    public bool Start(PromoDefinition definition, int index)
    {
        if (State.Definition is not null)
        {
            return false;
        }
        Record(new AllowanceStarted(definition, index, PromoRules.AllowanceOfShard(definition.MaxRedemptions, definition.Shards, index)));
        return true;
    }

    /// <summary>Holds a redemption for an order (a repeat for an order it knows is reserved again, changing nothing).</summary>
    public PromoReservation Reserve(string orderId, string customerId, DateTimeOffset releaseAfter, DateTimeOffset now)
    {
        var outcome = Ledger.Decide(orderId, customerId, State.Definition!.PerCustomerLimit);
        if (outcome == PromoReservation.Reserved && !Ledger.Knows(orderId))
        {
            Record(new RedemptionHeld(orderId, customerId, releaseAfter, now));
        }
        return outcome;
    }

    public bool Confirm(string orderId) => Ledger.Holds.ContainsKey(orderId) && Record(new RedemptionConfirmed(orderId));

    public bool Release(string orderId) => Ledger.Holds.ContainsKey(orderId) && Record(new RedemptionReleased(orderId));

    /// <summary>Gives redemptions to a sibling: what was asked, or half of what is left when that is more.</summary>
    public int Donate(string transferId, int wanted)
    {
        var given = Math.Max(0, Math.Min(Ledger.Left, Math.Max(wanted, Ledger.Left / 2)));
        Record(new AllowanceDonated(transferId, given));
        return given;
    }

    public string AskTransfer(string shareKey, int donor)
    {
        var transferId = $"{shareKey}#{State.TransferSequence + 1}";
        Record(new AllowanceAsked(transferId, donor));
        return transferId;
    }

    public bool BookTransfer(string transferId, int units) => State.Incoming.ContainsKey(transferId) && Record(new AllowanceBooked(transferId, units));

    private bool Record(AllowanceEvent change)
    {
        Apply(change);
        _pending.Add(change);
        return true;
    }
}
