using FlashSale.Domain;
using FlashSale.Pricing;
using FlashSale.Sales;
using FlashSale.Transfers;

namespace FlashSale.Orders;

/// <summary>
/// A stock shard's books, with no Orleans in them: every change is an event applied to the state and kept
/// for the next journal append, together with the orders it touched (written as rows in the same commit).
/// Every operation costs O(1) (expiry pops a queue ordered by expiry time), whatever the shard has seen.
/// </summary>
public sealed class StockLedger : ITransferBook
{
    IReadOnlyDictionary<string, int> ITransferBook.Incoming => State.Incoming;

    IReadOnlyDictionary<string, int> ITransferBook.Donations => State.Donations;

    /// <summary>Resolved orders kept in memory for repeats; older ones are read from the orders table.</summary>
    public const int RecentKept = 10_000;

    private readonly List<ShardEvent> _pending = [];
    private readonly Dictionary<string, Order> _touched = new(StringComparer.Ordinal);
    private readonly List<string> _placed = [];
    private readonly Queue<(string Suffix, DateTimeOffset ExpiresAt)> _expiry = new();
    private readonly Dictionary<string, HoldRecord> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentOrder = new();

    public StockLedger(StockLedgerState state)
    {
        State = state;
        foreach (var (suffix, hold) in state.Holds.OrderBy(h => h.Value.HoldExpiresAt))
        {
            _expiry.Enqueue((suffix, hold.HoldExpiresAt));
        }
    }

    public StockLedgerState State { get; }

    public ShardSetup? Setup => State.Setup;
    public int Available => State.Allocated - State.Sold - State.Held;

    /// <summary>Events recorded since the last <see cref="TakeBatch"/>.</summary>
    public int PendingEvents => _pending.Count;

    /// <summary>Applies an event to the state: the one place state changes, for live requests and replay alike.</summary>
    public void Apply(ShardEvent change)
    {
        var s = State;
        switch (change)
        {
            case ShardSetUp e:
                s.Setup = e.Setup;
                s.Allocated += e.Setup.Units;
                break;
            case SetupAmended e when s.Setup is { } before:
                // Units change only while no hold was ever placed (the sale refuses stock edits near the start).
                var units = s.Orders == 0 ? e.Setup.Units : before.Units;
                s.Allocated += units - before.Units;
                s.Setup = e.Setup with { Units = units };
                break;
            case ControlChanged e:
                s.Control = e.Control;
                break;
            case HoldPlaced e:
                s.Holds[e.Suffix] = e.Hold;
                s.Held += e.Hold.Quantity;
                s.UnitsByCustomer[e.Hold.CustomerId] = s.UnitsByCustomer.GetValueOrDefault(e.Hold.CustomerId) + e.Hold.Quantity;
                s.Known.Add(e.Suffix);
                s.Orders++;
                _expiry.Enqueue((e.Suffix, e.Hold.HoldExpiresAt));
                break;
            case HoldResolved e when s.Holds.Remove(e.Suffix, out var hold):
                s.Held -= hold.Quantity;
                s.Outcomes += Outcome(hold, e.Status);
                if (e.Status == OrderStatus.Confirmed)
                {
                    s.Sold += hold.Quantity;
                }
                else
                {
                    ReleaseUnitsOf(hold);
                }
                Remember(e.Suffix, hold with { Status = e.Status, ResolvedAt = e.At });
                break;
            case UnitsDonated e:
                s.Donations[e.TransferId] = e.Units;
                s.Allocated -= e.Units;
                break;
            case TransferAsked e:
                s.Incoming[e.TransferId] = e.Donor;
                s.TransferSequence++;
                break;
            case TransferBooked e when s.Incoming.Remove(e.TransferId):
                s.Allocated += e.Units;
                break;
            case Restocked e when s.Restocks.Add(e.RestockId):
                s.Allocated += e.Units;
                break;
            case HoldVoided e when s.Holds.Remove(e.Suffix, out var voided):
                s.Held -= voided.Quantity;
                ReleaseUnitsOf(voided);
                s.Known.Remove(e.Suffix);
                s.Orders--;
                break;
        }
    }

    private static OrderOutcomes Outcome(HoldRecord hold, OrderStatus status) => status switch
    {
        OrderStatus.Confirmed => new(1, 0, 0, hold.PromoCode is null ? 0 : 1,
            ImmutableDictionary<string, decimal>.Empty.Add(OrderOutcomes.RevenueKey(hold.Region, hold.Currency), hold.Total)),
        OrderStatus.Cancelled => OrderOutcomes.None with { Cancelled = 1 },
        OrderStatus.Expired => OrderOutcomes.None with { Expired = 1 },
        _ => OrderOutcomes.None,
    };

    /// <summary>The events, order rows and newly placed order ids of the next journal append; the ledger starts a new batch.</summary>
    public (List<ShardEvent> Events, List<Order> Orders, List<string> Placed) TakeBatch()
    {
        var batch = (_pending.ToList(), _touched.Values.ToList(), _placed.ToList());
        _pending.Clear();
        _touched.Clear();
        _placed.Clear();
        return batch;
    }

    /// <summary>
    /// Takes back a hold of the batch being written whose Idempotency-Key placed another order: the event goes into that
    /// same append (not the next one), so the journal never holds the hold without its voiding.
    /// </summary>
    public ShardEvent Void(string suffix)
    {
        var voided = new HoldVoided(suffix);
        Apply(voided);
        return voided;
    }

    public bool SetUp(ShardSetup setup)
    {
        if (State.Setup is { } current)
        {
            // Told again: an edit of the sale when newer, else a repeat (or a late, older delivery) that changes nothing.
            if (setup.Sale.Revision <= current.Sale.Revision)
            {
                return false;
            }
            Record(new SetupAmended(setup));
            return true;
        }
        Record(new ShardSetUp(setup));
        return true;
    }

    public bool ChangeControl(SaleControl control)
    {
        if (State.Control == control)
        {
            return false;
        }
        Record(new ControlChanged(control));
        return true;
    }

    public Order PlaceHold(string suffix, HoldRecord hold)
    {
        Record(new HoldPlaced(suffix, hold));
        var order = Touch(suffix, hold);
        _placed.Add(order.OrderId);
        return order;
    }

    /// <summary>Pays, cancels or expires a live hold; null when it is not live.</summary>
    public Order? Resolve(string suffix, OrderStatus status, DateTimeOffset now)
    {
        if (!State.Holds.ContainsKey(suffix))
        {
            return null;
        }
        Record(new HoldResolved(suffix, status, now));
        return Touch(suffix, _recent[suffix]);
    }

    /// <summary>Expires the live holds whose time has come; returns them (their promo redemptions go back).</summary>
    public List<Order> ExpireDue(DateTimeOffset now)
    {
        var expired = new List<Order>();
        while (_expiry.TryPeek(out var next) && next.ExpiresAt <= now)
        {
            _expiry.Dequeue();
            // A hold paid or cancelled earlier is no longer live: its queue entry is skipped.
            if (State.Holds.TryGetValue(next.Suffix, out var hold) && hold.HoldExpiresAt == next.ExpiresAt)
            {
                expired.Add(Resolve(next.Suffix, OrderStatus.Expired, now)!);
            }
        }
        return expired;
    }

    /// <summary>Gives units to a sibling: what was asked, or half of what is left when that is more.</summary>
    public int Donate(string transferId, int wanted)
    {
        var given = Math.Max(0, Math.Min(Available, Math.Max(wanted, Available / 2)));
        Record(new UnitsDonated(transferId, given));
        return given;
    }

    public string AskTransfer(string shardKey, int donor)
    {
        var transferId = $"{shardKey}#{State.TransferSequence + 1}";
        Record(new TransferAsked(transferId, donor));
        return transferId;
    }

    /// <returns>Whether the transfer was booked now (not by an earlier completion of it).</returns>
    public bool BookTransfer(string transferId, int units)
    {
        if (!State.Incoming.ContainsKey(transferId))
        {
            return false;
        }
        Record(new TransferBooked(transferId, units));
        return true;
    }

    public bool Restock(string restockId, int units)
    {
        if (State.Restocks.Contains(restockId))
        {
            return false;
        }
        Record(new Restocked(restockId, units));
        return true;
    }

    /// <summary>A resolved order kept in memory, or null (then the orders table has it, if it is <see cref="IsKnown"/>).</summary>
    public HoldRecord? Recent(string suffix) => _recent.GetValueOrDefault(suffix);

    public HoldRecord? Live(string suffix) => State.Holds.GetValueOrDefault(suffix);

    public bool IsKnown(string suffix) => State.Known.Contains(suffix);

    public int UnitsOf(string customerId) => State.UnitsByCustomer.GetValueOrDefault(customerId);

    public void CountBatch(int covered)
    {
        State.Batches++;
        State.BatchedRequests += covered;
    }

    public void Reject(string reason)
    {
        var r = State.Rejected;
        State.Rejected = reason switch
        {
            "soldOut" => r with { SoldOut = r.SoldOut + 1 },
            "limit" => r with { Limit = r.Limit + 1 },
            "promo" => r with { Promo = r.Promo + 1 },
            _ => r with { NotLive = r.NotLive + 1 },
        };
    }

    public string OrderIdOf(string suffix) => $"{State.Setup!.Sale.Id}~{State.Setup.Sku}~{State.Setup.Index}~{suffix}";

    /// <summary>The order a hold stands for, with every field the API shows.</summary>
    public Order OrderOf(string suffix, HoldRecord hold)
    {
        var setup = State.Setup!;
        Money Amount(decimal amount) => new(amount, hold.Currency);
        var quote = new Quote(
            Amount(hold.UnitPrice), hold.Quantity, Amount(hold.Subtotal), Amount(hold.Discount), Amount(hold.Shipping), Amount(hold.Tax), Amount(hold.Total),
            hold.PromoCode is { } code ? new PromoOutcome(code, true, null) : null);
        return new Order(
            OrderIdOf(suffix), hold.CustomerId, new OrderRequest(setup.Sale.Id, setup.Sku, hold.Quantity, hold.Region, hold.PromoCode), quote,
            hold.Status, hold.CreatedAt, hold.HoldExpiresAt, hold.ResolvedAt);
    }

    private void Record(ShardEvent change)
    {
        Apply(change);
        _pending.Add(change);
    }

    private Order Touch(string suffix, HoldRecord hold)
    {
        var order = OrderOf(suffix, hold);
        _touched[suffix] = order;
        return order;
    }

    private void ReleaseUnitsOf(HoldRecord hold)
    {
        var left = State.UnitsByCustomer.GetValueOrDefault(hold.CustomerId) - hold.Quantity;
        if (left > 0)
        {
            State.UnitsByCustomer[hold.CustomerId] = left;
        }
        else
        {
            State.UnitsByCustomer.Remove(hold.CustomerId);
        }
    }

    private void Remember(string suffix, HoldRecord resolved)
    {
        if (_recent.TryAdd(suffix, resolved))
        {
            _recentOrder.Enqueue(suffix);
        }
        else
        {
            _recent[suffix] = resolved;
        }
        while (_recentOrder.Count > RecentKept)
        {
            _recent.Remove(_recentOrder.Dequeue());
        }
    }
}
