using FlashSale.Orders;
using FlashSale.Sales;
using Orleans.Serialization;

namespace FlashSale.UnitTests.Simulation;

/// <summary>What a caller was told: an outcome (with the order it names), or null when the outcome is unknown (a failed write).</summary>
internal sealed record ShardAnswer(OrderOutcome? Outcome, Order? Order = null)
{
    public static ShardAnswer Unknown { get; } = new((OrderOutcome?)null);
}

/// <summary>The outcome of a call is unknown to its caller: a write it waited for failed, or a sibling's did.</summary>
internal sealed class OutcomeUnknownException(string message) : Exception(message);

/// <summary>
/// One stock shard as <c>StockShardGrain</c> runs it, minus Orleans: the same flows (hold, repeat, pay, cancel, donate,
/// refill from siblings, housekeeping) over the real <see cref="StockLedger"/>, <see cref="JournalLog{TState,TEvent}"/>
/// and <see cref="ShardCommit"/>. Group commit is kept by its rule: callers that changed the ledger wait for the next
/// write (<see cref="Flush"/>), a repeat waits for the write that covers what it reports, a failed write fails every
/// caller waiting on it and drops the activation, and the next call loads snapshot + journal again.
/// </summary>
internal sealed class SimulatedShard(
    int index, string key, SimulatedJournal journal, Serializer serializer, ShardJournalOptions options,
    Func<DateTimeOffset> now, Func<int, SimulatedShard> sibling, Func<bool> crashBeforeBooking)
{
    private readonly List<(Action<bool> Answer, bool Wrote)> _waiting = [];
    private JournalLog<StockLedgerState, ShardEvent>? _log;
    private HashSet<string> _voided = new(StringComparer.Ordinal);
    private Action? _staleWrote;

    /// <summary>A write failed: like the grain's failed group commit, the activation still serves until it is dropped, but every write it asks for fails.</summary>
    private bool _failed;

    public int Index => index;
    public string Key => key;
    public StockLedger? Ledger { get; private set; }
    public int Activations { get; private set; }
    public bool Failed => _failed;

    public StockLedger Activate()
    {
        if (Ledger is null)
        {
            _log = new JournalLog<StockLedgerState, ShardEvent>(journal, serializer, options, key);
            var ledger = new StockLedger(Done(_log.LoadAsync()));
            _log.Replay(ledger.Apply);
            Ledger = ledger;
            _voided = new(StringComparer.Ordinal);
            Activations++;
        }
        return Ledger;
    }

    /// <summary>Drops everything in memory (a crash or a deactivation after a failed write); callers still waiting learn nothing.</summary>
    public void Crash()
    {
        Ledger = null;
        _log = null;
        _failed = false;
        var waiting = _waiting.ToList();
        _waiting.Clear();
        foreach (var (answer, _) in waiting)
        {
            answer(false);
        }
    }

    /// <summary>Keeps this activation aside as a stale copy (split brain): a new activation loads from the journal.</summary>
    /// <param name="wrote">Told when the stale copy's append is accepted (the live activation is then behind the journal).</param>
    public SimulatedShard SplitOff(Action wrote)
    {
        var stale = new SimulatedShard(index, key, journal, serializer, options, now, sibling, crashBeforeBooking)
        {
            Ledger = Ledger,
            _log = _log,
            _voided = _voided,
            _staleWrote = wrote,
            _failed = _failed,
        };
        Ledger = null;
        _log = null;
        _failed = false;
        return stale;
    }

    /// <summary>The group commit: one append for every change made since the last one; every waiting caller is answered by it.</summary>
    public void Flush()
    {
        if (_waiting.Count == 0 || Ledger is null)
        {
            return;
        }
        var waiting = _waiting.ToList();
        _waiting.Clear();
        var committed = true;
        try
        {
            Done(ShardCommit.WriteAsync(Ledger, _log!, waiting.Count(w => w.Wrote), s => _voided.Add(s)));
        }
        catch (Exception)
        {
            // As GroupCommit: the activation is dropped once idle, and serves (every write failing) until then.
            committed = false;
            _failed = true;
        }
        // Written, or perhaps written (a lost reply): the live activation may be behind the journal now.
        _staleWrote?.Invoke();
        foreach (var (answer, _) in waiting)
        {
            answer(committed);
        }
    }

    public void Hold(string orderId, string customerId, int quantity, long fingerprint, Action<ShardAnswer> answer)
    {
        try
        {
            HoldOrThrow(orderId, customerId, quantity, fingerprint, answer);
        }
        catch (OutcomeUnknownException)
        {
            answer(ShardAnswer.Unknown);
        }
    }

    public void Pay(string orderId, string customerId, Action<ShardAnswer> answer) => Settle(orderId, customerId, OrderStatus.Confirmed, answer);

    public void Cancel(string orderId, string customerId, Action<ShardAnswer> answer) => Settle(orderId, customerId, OrderStatus.Cancelled, answer);

    public void Initialize(ShardSetup setup, Action<bool> answer)
    {
        if (Activate().SetUp(setup))
        {
            Durable(answer);
        }
        else
        {
            Covering(answer);
        }
    }

    /// <summary>The shard as its journal has it now (snapshot + entries), loaded beside the live one without touching it.</summary>
    public StockLedger LoadCopy()
    {
        var log = new JournalLog<StockLedgerState, ShardEvent>(journal, serializer, options, key);
        var copy = new StockLedger(Done(log.LoadAsync()));
        log.Replay(copy.Apply);
        return copy;
    }

    public void Control(SaleControl control, Action<bool> answer)
    {
        var ledger = Activate();
        if (ledger.ChangeControl(control))
        {
            Durable(answer);
        }
        else
        {
            Covering(answer);
        }
    }

    public void AddUnits(string restockId, int units, Action<bool> answer)
    {
        var ledger = Activate();
        if (ledger.Restock(restockId, units))
        {
            Durable(answer);
        }
        else
        {
            Covering(answer);
        }
    }

    public int Donate(string transferId, int wanted)
    {
        var ledger = Activate();
        if (ledger.State.Donations.TryGetValue(transferId, out var earlier))
        {
            CoveringNow();
            return earlier;
        }
        ledger.ExpireDue(now());
        var given = ledger.Donate(transferId, wanted);
        DurableNow();
        return given;
    }

    /// <summary>The grain's timer: finishes transfers left from a failed write or a crash, expires holds, writes what that changed.</summary>
    /// <returns>Whether it ran to its end (every write it made committed).</returns>
    public bool Housekeeping()
    {
        if (_failed)
        {
            // The grain's timer does nothing on a failed activation, which is dropped once idle.
            Crash();
            return false;
        }
        try
        {
            var ledger = Activate();
            CompleteIncomingTransfers();
            ledger.ExpireDue(now());
            if (ledger.PendingEvents > 0)
            {
                DurableNow();
            }
            return true;
        }
        catch (OutcomeUnknownException)
        {
            if (_failed)
            {
                Crash();
            }
            return false;
        }
    }

    /// <summary>An order as this shard answers for it (live, resolved lately, or the orders table), or null when it has none.</summary>
    public Order? Find(string orderId)
    {
        var ledger = Activate();
        var suffix = OrderKeys.HashOf(orderId);
        if ((ledger.Live(suffix) ?? ledger.Recent(suffix)) is { } hold)
        {
            return ledger.OrderOf(suffix, hold);
        }
        return ledger.IsKnown(suffix) ? Done(journal.ReadOrderAsync(orderId)) : null;
    }

    private void HoldOrThrow(string orderId, string customerId, int quantity, long fingerprint, Action<ShardAnswer> answer)
    {
        var ledger = Activate();
        var setup = ledger.Setup!;
        var item = setup.Sale.Item(setup.Sku)!;
        var suffix = OrderKeys.HashOf(orderId);
        var expired = false;
        // As the grain's: the expiries this call made are written before a refusal is answered (which stands either way).
        void Refuse(OrderOutcome outcome)
        {
            if (expired)
            {
                Durable(_ => answer(new ShardAnswer(outcome)));
                return;
            }
            answer(new ShardAnswer(outcome));
        }
        while (true)
        {
            expired |= ledger.ExpireDue(now()).Count > 0;
            if (Recorded(orderId) is { } recorded)
            {
                var (order, recordedFingerprint) = recorded;
                var reply = recordedFingerprint != fingerprint || order.CustomerId != customerId || _voided.Contains(suffix)
                    ? new ShardAnswer(OrderOutcome.KeyReused)
                    : new ShardAnswer(OrderOutcome.Held, order);
                Recording(ok => answer(ok ? reply : ShardAnswer.Unknown));
                return;
            }
            if (SaleRules.Status(setup.Sale, ledger.State.Control, now()) != SaleStatus.Live)
            {
                Refuse(OrderOutcome.NotLive);
                return;
            }
            if (quantity > item.PerCustomerLimit)
            {
                Refuse(OrderOutcome.InvalidQuantity);
                return;
            }
            if (ledger.UnitsOf(customerId) + quantity > item.PerCustomerLimit)
            {
                Refuse(OrderOutcome.LimitExceeded);
                return;
            }
            if (ledger.Available >= quantity)
            {
                break;
            }
            if (!Refill(quantity) && ledger.Available < quantity && ledger.Live(suffix) is null)
            {
                Refuse(OrderOutcome.SoldOut);
                return;
            }
        }
        var at = now();
        var price = item.SalePrices["BR"];
        var placed = ledger.PlaceHold(suffix, new HoldRecord(
            customerId, quantity, "BR", null, fingerprint, at, at.AddMinutes(setup.Sale.HoldMinutes), "BRL",
            price, price * quantity, 0, 0, 0, price * quantity));
        Durable(ok => answer(!ok ? ShardAnswer.Unknown : _voided.Contains(suffix) ? new ShardAnswer(OrderOutcome.KeyReused) : new ShardAnswer(OrderOutcome.Held, placed)));
    }

    private void Settle(string orderId, string customerId, OrderStatus to, Action<ShardAnswer> answer)
    {
        try
        {
            var ledger = Activate();
            if (ledger.ExpireDue(now()).Count > 0)
            {
                DurableNow();
            }
            if (orderId != ledger.OrderIdOf(OrderKeys.HashOf(orderId)))
            {
                answer(new ShardAnswer(OrderOutcome.NotFound));
                return;
            }
            var suffix = OrderKeys.HashOf(orderId);
            if (ledger.Live(suffix) is { } hold && hold.CustomerId == customerId)
            {
                var resolved = ledger.Resolve(suffix, to, now())!;
                var outcome = to == OrderStatus.Confirmed ? OrderOutcome.Confirmed : OrderOutcome.Cancelled;
                Durable(ok => answer(ok ? new ShardAnswer(outcome, resolved) : ShardAnswer.Unknown));
                return;
            }
            var recorded = Recorded(orderId);
            Recording(ok =>
            {
                var done = recorded is { Order: var order } && order.CustomerId == customerId ? order : null;
                answer(!ok ? ShardAnswer.Unknown : new ShardAnswer((done?.Status, to) switch
                {
                    (OrderStatus.Confirmed, _) => OrderOutcome.Confirmed,
                    (OrderStatus.Expired, _) => OrderOutcome.HoldExpired,
                    (OrderStatus.Cancelled, OrderStatus.Confirmed) => OrderOutcome.AlreadyCancelled,
                    (OrderStatus.Cancelled, _) => OrderOutcome.Cancelled,
                    _ => OrderOutcome.NotFound,
                }, done));
            });
        }
        catch (OutcomeUnknownException)
        {
            answer(ShardAnswer.Unknown);
        }
    }

    /// <summary>As the grain's: live or resolved lately from memory, else the orders table for an order it knows.</summary>
    private (Order Order, long Fingerprint)? Recorded(string orderId)
    {
        var ledger = Ledger!;
        var suffix = OrderKeys.HashOf(orderId);
        if ((ledger.Live(suffix) ?? ledger.Recent(suffix)) is { } hold)
        {
            return (ledger.OrderOf(suffix, hold), hold.Fingerprint);
        }
        if (!ledger.IsKnown(suffix))
        {
            return null;
        }
        return Done(journal.ReadOrderAsync(orderId)) is { } stored ? (stored, stored.Request.FingerprintHash) : null;
    }

    private bool Refill(int quantity)
    {
        CompleteIncomingTransfers();
        var ledger = Ledger!;
        var setup = ledger.Setup!;
        var shards = setup.Sale.Item(setup.Sku)!.Shards;
        for (var step = 1; step < shards && ledger.Available < quantity; step++)
        {
            var donor = (setup.Index + step) % shards;
            var transferId = ledger.AskTransfer(key, donor);
            DurableNow();
            CompleteTransfer(transferId, donor, quantity - ledger.Available);
        }
        return ledger.Available >= quantity;
    }

    private void CompleteIncomingTransfers()
    {
        // As the grain's (SiblingTransfers.CompleteIncoming): nothing after a failed write, whose asks may not be durable.
        // Every other ask here is durable: the simulated refill writes its ask before it goes on.
        if (Ledger!.State.Incoming.Count > 0)
        {
            ThrowIfFailed();
        }
        foreach (var (transferId, donor) in Ledger!.State.Incoming.OrderBy(t => t.Key, StringComparer.Ordinal).ToList())
        {
            CompleteTransfer(transferId, donor, 0);
        }
    }

    private void CompleteTransfer(string transferId, int donor, int wanted)
    {
        var given = sibling(donor).Donate(transferId, Math.Max(1, wanted));
        if (crashBeforeBooking())
        {
            Crash();
            throw new OutcomeUnknownException($"{key} crashed before booking {transferId}");
        }
        if (Ledger!.BookTransfer(transferId, given))
        {
            DurableNow();
        }
        else
        {
            CoveringNow();
        }
    }

    private void Durable(Action<bool> answer)
    {
        if (_failed)
        {
            answer(false);
            return;
        }
        _waiting.Add((answer, true));
    }

    /// <summary>
    /// As the grain's <c>Recorded</c> waits before it reports an order: for a write of changes no write was asked for yet
    /// (an expiry made by this call), else for the write in flight (<c>StockShardGrain.Recorded</c>:
    /// <c>await (_ledger.PendingEvents > 0 ? _commit.Durable() : _commit.Covering())</c>).
    /// </summary>
    private void Recording(Action<bool> answer)
    {
        if (Ledger!.PendingEvents > 0)
        {
            Durable(answer);
        }
        else
        {
            Covering(answer);
        }
    }

    private void Covering(Action<bool> answer)
    {
        if (_failed)
        {
            answer(false);
        }
        else if (_waiting.Count > 0)
        {
            _waiting.Add((answer, false));
        }
        else
        {
            answer(true);
        }
    }

    /// <summary>A step that needs its write committed before it goes on (a transfer): the write happens now.</summary>
    private void DurableNow()
    {
        var committed = false;
        Durable(ok => committed = ok);
        Flush();
        if (!committed)
        {
            throw new OutcomeUnknownException($"a write of {key} failed");
        }
    }

    private void ThrowIfFailed()
    {
        if (_failed)
        {
            throw new OutcomeUnknownException($"a write of {key} failed before");
        }
    }

    private void CoveringNow()
    {
        ThrowIfFailed();
        if (_waiting.Count > 0)
        {
            DurableNow();
        }
    }

    /// <summary>Everything the simulation calls completes before it returns: no threads, no real time, so a seed replays exactly.</summary>
    private static T Done<T>(Task<T> task) => task.IsCompleted ? task.GetAwaiter().GetResult() : throw new InvalidOperationException("a simulated call did not complete at once");

    private static void Done(Task task)
    {
        if (!task.IsCompleted)
        {
            throw new InvalidOperationException("a simulated call did not complete at once");
        }
        task.GetAwaiter().GetResult();
    }
}
