using System.Text;
using FlashSale.Orders;
using FlashSale.Sales;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace FlashSale.UnitTests.Simulation;

/// <summary>
/// A deterministic simulation of one sale item's stock shards (after TigerBeetle's and FoundationDB's): a schedule drawn
/// from one seed of holds (new, repeated, over the limit, with a key another item took), pays, cancels, clock jumps that
/// expire holds, restocks (and their repeats), pause/resume, transfers between shards, crashes, split-brain copies and
/// storage faults before and after commit, over a simulated clock and journal, with every invariant of the books checked
/// after every step. No threads and no real time: a seed replays exactly.
/// </summary>
internal sealed class LedgerSimulation
{
    private const string SaleId = "sim-sale";
    private const string Sku = "SKU";
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    internal static readonly Lazy<Serializer> Serializers = new(() =>
        new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(StockLedger).Assembly).AddAssembly(typeof(ShardSetup).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>());

    private readonly int _seed;
    private readonly int _steps;
    private readonly Random _rng;

    /// <summary>Where a burst writes in its middle: a stream of its own, so the rest of a seed's schedule stays as it was.</summary>
    private readonly Random _midBurst;
    private readonly SimulatedJournal _journal;
    private readonly SimulatedShard[] _shards;
    private readonly SaleDefinition _sale;
    private readonly int _shardCount;
    private readonly int _limit;
    private readonly int _initialStock;
    private readonly double _faultBefore;
    private readonly double _faultAfter;
    private readonly string[] _customers;
    private readonly List<BookOrder> _orders = [];
    private readonly Dictionary<string, BookOrder> _byId = new(StringComparer.Ordinal);
    private readonly List<(string Id, int Units, bool Acked)> _restocks = [];
    private readonly SortedSet<int> _controlPending = [];
    private readonly SaleControl?[] _controlAcked;
    private readonly List<(SimulatedShard Copy, int Until)> _stale = [];
    private readonly List<string> _log = [];
    private SaleControl _control = SaleControl.Running;

    /// <summary>Each shard's activation as this step's housekeeping left it, when it ran to its end (then no hold is past its time).</summary>
    private StockLedger?[] _housekept = [];
    private DateTimeOffset _now = Start;
    private bool _faults;
    private int _step;
    private int _keys;
    private int _sent;

    /// <summary>Shards whose stale copy wrote to the journal: their live activation reads stale state until its next append fails.</summary>
    private readonly SortedSet<int> _behind = [];

    public LedgerSimulation(int seed, int steps = 150, bool journalAcceptsCoveredSequences = false)
    {
        _seed = seed;
        _steps = steps;
        _rng = new Random(seed);
        _midBurst = new Random(~seed);
        _shardCount = _rng.Next(2, 5);
        _initialStock = _rng.Next(_shardCount, 25);
        _limit = _rng.Next(2, 5);
        _faultBefore = _rng.NextDouble() * 0.1;
        _faultAfter = _rng.NextDouble() * 0.1;
        var snapshotEvery = _rng.Next(1, 6);
        _customers = [.. Enumerable.Range(0, _rng.Next(6, 16)).Select(i => $"c{i}")];
        _sale = new SaleDefinition(SaleId, "Simulated sale", Start.AddHours(-1), Start.AddDays(60), ["BR"], 10,
            [new SaleItem(Sku, _initialStock, _limit, ImmutableDictionary<string, decimal>.Empty.Add("BR", 10m), _shardCount)]);
        _journal = new SimulatedJournal(NextFault, () => _faults && _rng.NextDouble() < 0.2, Note, journalAcceptsCoveredSequences);
        var options = JournalOptions(snapshotEvery);
        _shards = [.. Enumerable.Range(0, _shardCount).Select(i => new SimulatedShard(
            i, SaleRules.ShardKey(SaleId, Sku, i), _journal, Serializers.Value, options, () => _now, d => _shards![d],
            () => _faults && _rng.NextDouble() < 0.03))];
        _controlAcked = new SaleControl?[_shardCount];
        Note($"seed {seed}: {_shardCount} shards, stock {_initialStock}, limit {_limit}, {_customers.Length} customers, " +
            $"faults {_faultBefore:P0} before / {_faultAfter:P0} after commit, snapshot every {snapshotEvery}");
    }

    /// <summary>The journal's options with snapshots serialized at once, in the caller's turn: a seed replays the same.</summary>
    internal static ShardJournalOptions JournalOptions(int snapshotEvery) =>
        new(snapshotEvery) { SerializeSnapshot = serialize => Task.FromResult(serialize()) };

    /// <summary>Everything that happened, step by step: two runs of one seed write the same.</summary>
    public string Log => string.Join("\n", _log);

    public int Holds { get; private set; }
    public int Unknowns { get; private set; }
    public SimulatedJournal Journal => _journal;

    private int Stock => _initialStock + _restocks.Sum(r => r.Units);

    public void Run()
    {
        foreach (var shard in _shards)
        {
            shard.Initialize(new ShardSetup(_sale, Sku, shard.Index, SaleRules.UnitsOfShard(_initialStock, _shardCount, shard.Index)), ok => Expect(ok, "set-up written"));
            shard.Flush();
            _controlAcked[shard.Index] = SaleControl.Running;
        }
        _faults = true;
        for (_step = 1; _step <= _steps; _step++)
        {
            Operate();
            Deliver();
            var housekept = new StockLedger?[_shardCount];
            foreach (var shard in _shards)
            {
                housekept[shard.Index] = shard.Housekeeping() ? shard.Ledger : null;
            }
            _housekept = housekept;
            _stale.RemoveAll(s => s.Until <= _step);
            Check();
        }
    }

    private StorageFault NextFault()
    {
        if (!_faults)
        {
            return StorageFault.None;
        }
        var draw = _rng.NextDouble();
        return draw < _faultBefore ? StorageFault.BeforeCommit : draw < _faultBefore + _faultAfter ? StorageFault.AfterCommit : StorageFault.None;
    }

    private void Operate()
    {
        var draw = _rng.Next(100);
        switch (draw)
        {
            case < 30:
                NewHold(flush: true);
                break;
            case < 40:
                if (PickOrder(preferUnknown: true) is { Foreign: false } again)
                {
                    Hold(again, _shards[again.Shard], again.Quantity, flush: true);
                }
                break;
            case < 43:
                if (PickOrder(o => (o.Possible & Could.Absent) == 0 && !o.Foreign) is { } changed)
                {
                    Hold(changed, _shards[changed.Shard], changed.Quantity % _limit + 1, flush: true);
                }
                break;
            case < 45:
                ForeignHold();
                break;
            case < 55:
                if (PickOrder(preferUnknown: false) is { } paid)
                {
                    Settle(paid, _shards[paid.Shard], OrderStatus.Confirmed, flush: true);
                }
                break;
            case < 62:
                if (PickOrder(preferUnknown: false) is { } cancelled)
                {
                    Settle(cancelled, _shards[cancelled.Shard], OrderStatus.Cancelled, flush: true);
                }
                break;
            case < 70:
                AdvanceClock();
                break;
            case < 74:
                var units = _rng.Next(1, 6);
                _restocks.Add(($"{SaleId}/{Sku}/restock-{_restocks.Count + 1}", units, false));
                Note($"restock {units} asked ({_restocks[^1].Id})");
                break;
            case < 76:
                if (_restocks.Count > 0)
                {
                    var (id, repeated, _) = _restocks[_rng.Next(_restocks.Count)];
                    Note($"restock {id} delivered again");
                    _shards[0].AddUnits(id, repeated, _ => { });
                    _shards[0].Flush();
                }
                break;
            case < 80:
                _control = _control with { Paused = !_control.Paused };
                Note(_control.Paused ? "pause" : "resume");
                _controlPending.UnionWith(Enumerable.Range(0, _shardCount));
                break;
            case < 85:
                var crashed = _shards[_rng.Next(_shardCount)];
                Note($"crash shard {crashed.Index}");
                crashed.Crash();
                break;
            case < 88:
                var split = _shards[_rng.Next(_shardCount)];
                if (split.Ledger is not null)
                {
                    var until = _step + _rng.Next(1, 8);
                    Note($"split brain: a stale copy of shard {split.Index} serves until step {until}");
                    _stale.Add((split.SplitOff(() => _behind.Add(split.Index)), until));
                }
                break;
            case < 90:
                if (_stale.Count > 0)
                {
                    StaleRequest(_stale[_rng.Next(_stale.Count)].Copy);
                }
                break;
            default:
                Burst();
                break;
        }
    }

    private void NewHold(bool flush)
    {
        var customer = _customers[_rng.Next(_customers.Length)];
        var quantity = _rng.Next(1, _limit + 2);
        var order = NewOrder(customer, quantity);
        Hold(order, _shards[order.Shard], quantity, flush);
    }

    private BookOrder NewOrder(string customer, int quantity, bool foreign = false)
    {
        var key = $"k{++_keys}";
        var shard = SaleRules.ShardFor(customer, _shardCount);
        var order = new BookOrder(SaleRules.OrderIdFor(SaleId, Sku, shard, customer, key), customer, key, shard, quantity,
            new OrderRequest(SaleId, Sku, quantity, "BR", null).FingerprintHash) { Foreign = foreign };
        _orders.Add(order);
        _byId[order.OrderId] = order;
        return order;
    }

    /// <summary>The customer used the same Idempotency-Key for another item first: the hold must be refused and leave nothing.</summary>
    private void ForeignHold()
    {
        var customer = _customers[_rng.Next(_customers.Length)];
        var order = NewOrder(customer, 1, foreign: true);
        _journal.ClaimForAnotherItem(SaleRules.OrderIdFor(SaleId, "OTHER-SKU", 0, customer, order.Key));
        Hold(order, _shards[order.Shard], 1, flush: true);
    }

    private BookOrder? PickOrder(bool preferUnknown) =>
        preferUnknown && _rng.Next(2) == 0 && PickOrder(o => IsUnknown(o.Possible)) is { } unknown ? unknown : PickOrder(_ => true);

    private BookOrder? PickOrder(Func<BookOrder, bool> which)
    {
        var candidates = _orders.Where(which).ToList();
        return candidates.Count == 0 ? null : candidates[_rng.Next(candidates.Count)];
    }

    private static bool IsUnknown(Could possible) => (possible & (possible - 1)) != 0;

    private void AdvanceClock()
    {
        var live = _orders.Where(o => o.Possible.HasFlag(Could.Reserved) && o.ExpiresAt > _now).ToList();
        if (live.Count > 0 && _rng.Next(3) == 0)
        {
            // Right at a hold's deadline: a second before, at it, or a second after.
            var deadline = live[_rng.Next(live.Count)].ExpiresAt!.Value;
            _now = deadline.AddSeconds(_rng.Next(-1, 2));
        }
        else
        {
            _now = _now.AddSeconds(_rng.Next(1, 60 * 13));
        }
        Note($"clock {(_now - Start).TotalSeconds:0}s");
    }

    private void StaleRequest(SimulatedShard stale)
    {
        var mine = _orders.Where(o => o.Shard == stale.Index && !o.Foreign).ToList();
        switch (_rng.Next(3))
        {
            case 0:
                var customer = _customers.Where(c => SaleRules.ShardFor(c, _shardCount) == stale.Index).FirstOrDefault();
                if (customer is not null)
                {
                    var quantity = _rng.Next(1, _limit + 1);
                    Hold(NewOrder(customer, quantity), stale, quantity, flush: true, isStale: true);
                }
                break;
            case 1 when mine.Count > 0:
                Settle(mine[_rng.Next(mine.Count)], stale, OrderStatus.Confirmed, flush: true, isStale: true);
                break;
            case 2 when mine.Count > 0:
                Settle(mine[_rng.Next(mine.Count)], stale, OrderStatus.Cancelled, flush: true, isStale: true);
                break;
        }
    }

    /// <summary>Several requests to one shard that share one group commit (repeats of one key among them).</summary>
    private void Burst()
    {
        var shard = _shards[_rng.Next(_shardCount)];
        var count = _rng.Next(2, 6);
        Note($"burst of {count} on shard {shard.Index}");
        for (var i = 0; i < count; i++)
        {
            var mine = _orders.Where(o => o.Shard == shard.Index && !o.Foreign).ToList();
            var draw = _rng.Next(4);
            if (draw == 0 || mine.Count == 0)
            {
                var customer = _customers.Where(c => SaleRules.ShardFor(c, _shardCount) == shard.Index).ToList();
                if (customer.Count > 0)
                {
                    var quantity = _rng.Next(1, _limit + 1);
                    // Now and then a write in the middle: a failed one leaves the activation serving the rest of the burst.
                    Hold(NewOrder(customer[_rng.Next(customer.Count)], quantity), shard, quantity, flush: _midBurst.Next(3) == 0);
                }
                continue;
            }
            var order = mine[_rng.Next(mine.Count)];
            switch (draw)
            {
                case 1:
                    Hold(order, shard, order.Quantity, flush: false);
                    break;
                case 2:
                    Settle(order, shard, OrderStatus.Confirmed, flush: false);
                    break;
                default:
                    Settle(order, shard, OrderStatus.Cancelled, flush: false);
                    break;
            }
        }
        shard.Flush();
    }

    private void Hold(BookOrder order, SimulatedShard shard, int quantity, bool flush, bool isStale = false)
    {
        var at = _now;
        var sameRequest = quantity == order.Quantity;
        var fingerprint = new OrderRequest(SaleId, Sku, quantity, "BR", null).FingerprintHash;
        order.Attempts.Add(at);
        Holds++;
        var isNew = order.Possible == Could.Absent;
        var sent = Send(order, sameRequest && !order.Foreign && order.Possible.HasFlag(Could.Absent) ? Could.Reserved : 0);
        var what = $"hold {order.Key} {order.CustomerId} x{quantity}{(sameRequest ? "" : " (changed)")}{(order.Foreign ? " (key of another item)" : "")} on shard {order.Shard}{(isStale ? " (stale copy)" : "")}";
        shard.Hold(order.OrderId, order.CustomerId, quantity, fingerprint, answer => Held(order, sent, sameRequest, quantity, answer, what, isStale, isNew, at));
        if (flush)
        {
            shard.Flush();
        }
    }

    /// <summary>
    /// A request leaves: from now on its effect may have happened, whatever its caller hears. Requests to one shard are
    /// decided in the order they are sent, so the answer to the last one sent about an order says what the order is.
    /// </summary>
    private int Send(BookOrder order, Could effect)
    {
        order.Possible |= effect;
        return order.LastSent = ++_sent;
    }

    private void Answered(BookOrder order, int sent, Could state) =>
        order.Possible = sent == order.LastSent ? state : order.Possible | state;

    private void Held(BookOrder order, int sent, bool sameRequest, int quantity, ShardAnswer answer, string what, bool isStale, bool isNew, DateTimeOffset at)
    {
        Note($"{what}: {answer.Outcome?.ToString() ?? "unknown"}{(answer.Order is { } o ? $" {o.Status}" : "")}");
        if (isStale && answer.Order is { Status: not (OrderStatus.Confirmed or OrderStatus.Cancelled) } read)
        {
            StaleRead(order, BookOrder.Of(read.Status));
            return;
        }
        var before = PossibleNow(order);
        switch (answer.Outcome)
        {
            case null:
                Unknowns++;
                break;
            case OrderOutcome.Held:
                var placed = answer.Order!;
                Expect(sameRequest && !order.Foreign, $"a hold answered 'held' for a request that must be refused ({what})");
                Expect(placed.OrderId == order.OrderId && placed.CustomerId == order.CustomerId && placed.Request.Quantity == order.Quantity,
                    $"a repeat got another order than the first answer: {placed.OrderId} x{placed.Request.Quantity}");
                var state = BookOrder.Of(placed.Status);
                Expect(before.HasFlag(state), $"{order.Key} answered {placed.Status}, but its books say {before}");
                Expect(order.Attempts.Any(a => a.AddMinutes(_sale.HoldMinutes) == placed.HoldExpiresAt),
                    $"{order.Key} expires at {placed.HoldExpiresAt:HH:mm:ss}, not {_sale.HoldMinutes} minutes after any of its holds");
                if (isNew && !isStale && _controlAcked[order.Shard] is { Paused: true } && !_controlPending.Contains(order.Shard))
                {
                    Fail($"shard {order.Shard} placed {order.Key} while paused");
                }
                Answered(order, sent, state);
                order.ExpiresAt = placed.HoldExpiresAt;
                break;
            case OrderOutcome.KeyReused:
                Expect(order.Foreign || !sameRequest, $"a repeat of {order.Key} with the same request was refused as a reused key");
                if (order.Foreign)
                {
                    Answered(order, sent, Could.Absent);
                }
                break;
            case OrderOutcome.SoldOut or OrderOutcome.LimitExceeded or OrderOutcome.NotLive or OrderOutcome.InvalidQuantity:
                Expect(before.HasFlag(Could.Absent) || !sameRequest, $"{order.Key} was refused ({answer.Outcome}) although its books say {before}");
                if (sameRequest)
                {
                    Answered(order, sent, Could.Absent);
                }
                if (!isStale && sameRequest)
                {
                    Legitimate(order, quantity, answer.Outcome.Value, at);
                }
                break;
            default:
                Fail($"a hold answered {answer.Outcome}");
                break;
        }
    }

    /// <summary>A refusal must have a reason in the books: over the limit, no unit left anywhere, paused.</summary>
    private void Legitimate(BookOrder order, int quantity, OrderOutcome outcome, DateTimeOffset at)
    {
        switch (outcome)
        {
            case OrderOutcome.InvalidQuantity:
                Expect(quantity > _limit, $"{order.Key} x{quantity} refused as an invalid quantity under a limit of {_limit}");
                break;
            case OrderOutcome.LimitExceeded:
                var most = _orders.Where(o => o != order && o.CustomerId == order.CustomerId && o.Shard == order.Shard && CouldHoldUnits(o, at)).Sum(o => o.Quantity);
                Expect(most + quantity > _limit,
                    $"{order.Key} x{quantity} refused for the limit ({_limit}), but {order.CustomerId} holds or bought at most {most} (expired, cancelled holds give the limit back)");
                break;
            case OrderOutcome.NotLive:
                Expect(_controlPending.Contains(order.Shard) || _controlAcked[order.Shard] is not { Paused: false },
                    $"shard {order.Shard} refused {order.Key} as not live, though it was told the sale runs");
                break;
            case OrderOutcome.SoldOut when _stale.Count == 0:
                // Units are taken by every order that may hold them as far as its callers know: an acknowledged live hold
                // or payment, and also a hold whose outcome is unknown. The grain takes a hold's units in memory when it
                // places it (StockShardGrain.Hold: _ledger.PlaceHold before `await _commit.Durable()`), so a hold waiting
                // for its group commit takes them, and a write that committed with its reply lost leaves them taken in the
                // journal the shard reloads (seed 1000701: k5's append committed, its reply lost, and its 2 units were
                // rightly gone when k29 asked). A refusal is wrong only if no state the books allow explains it.
                var taken = _orders.Where(o => o != order && CouldHoldUnits(o, at)).Sum(o => o.Quantity);
                var delivered = _initialStock + _restocks.Where(r => r.Acked).Sum(r => r.Units);
                var moving = InTransfer();
                Expect(delivered - taken - moving < quantity,
                    $"{order.Key} x{quantity} refused as sold out, but of {delivered} units at most {taken} may be taken (outcomes unknown among them) and {moving} are in transfer");
                break;
        }
    }

    private static bool CouldHoldUnits(BookOrder o, DateTimeOffset at) =>
        (o.Possible & Could.Confirmed) != 0 || ((o.Possible & Could.Reserved) != 0 && !(o.ExpiresAt <= at));

    private void Settle(BookOrder order, SimulatedShard shard, OrderStatus to, bool flush, bool isStale = false)
    {
        var at = _now;
        var target = BookOrder.Of(to);
        // A hold past its time can no longer be paid or cancelled: the shard expires it first.
        var sent = Send(order, order.Possible.HasFlag(Could.Reserved) && !(order.ExpiresAt <= at) ? target : 0);
        var what = $"{(to == OrderStatus.Confirmed ? "pay" : "cancel")} {order.Key} on shard {order.Shard}{(isStale ? " (stale copy)" : "")}";
        void Reply(ShardAnswer answer) => Settled(order, sent, answer, what, isStale, at);
        if (to == OrderStatus.Confirmed)
        {
            shard.Pay(order.OrderId, order.CustomerId, Reply);
        }
        else
        {
            shard.Cancel(order.OrderId, order.CustomerId, Reply);
        }
        if (flush)
        {
            shard.Flush();
        }
    }

    private void Settled(BookOrder order, int sent, ShardAnswer answer, string what, bool isStale, DateTimeOffset at)
    {
        Note($"{what}: {answer.Outcome?.ToString() ?? "unknown"}");
        if (answer.Outcome is null)
        {
            Unknowns++;
            return;
        }
        var before = PossibleAt(order, at);
        var state = answer.Outcome switch
        {
            OrderOutcome.Confirmed => Could.Confirmed,
            OrderOutcome.Cancelled or OrderOutcome.AlreadyCancelled => Could.Cancelled,
            OrderOutcome.HoldExpired => Could.Expired,
            OrderOutcome.NotFound => Could.Absent,
            _ => (Could)0,
        };
        Expect(state != 0, $"{what} answered {answer.Outcome}");
        if (isStale && state is not (Could.Confirmed or Could.Cancelled))
        {
            StaleRead(order, state);
            return;
        }
        Expect(before.HasFlag(state), $"{what} answered {answer.Outcome}, but its books say {before} (expires {order.ExpiresAt:HH:mm:ss}, now {at:HH:mm:ss})");
        Expect(state != Could.Expired || order.ExpiresAt <= at, $"{order.Key} expired before its time ({order.ExpiresAt:HH:mm:ss}, now {at:HH:mm:ss})");
        Answered(order, sent, state);
    }

    /// <summary>
    /// Split brain serves stale reads (only writes are guarded, by the journal's sequence): a stale copy's answer that is
    /// not a final state it wrote says nothing for sure. Confirmed and cancelled are final, so those answers are checked.
    /// </summary>
    private static void StaleRead(BookOrder order, Could state) => order.Possible |= state;

    /// <summary>What the books allow for an order now: a hold past its time may have expired.</summary>
    private Could PossibleNow(BookOrder order) => PossibleAt(order, _now);

    private static Could PossibleAt(BookOrder order, DateTimeOffset at) =>
        order.Possible.HasFlag(Could.Reserved) && order.ExpiresAt <= at ? order.Possible | Could.Expired : order.Possible;

    /// <summary>What the sale grain redelivers until each shard confirms: the latest pause/resume, restocks to shard 0.</summary>
    private void Deliver()
    {
        foreach (var index in _controlPending.ToList())
        {
            var control = _control;
            _shards[index].Control(control, ok =>
            {
                if (ok)
                {
                    _controlAcked[index] = control;
                    _controlPending.Remove(index);
                }
            });
            _shards[index].Flush();
        }
        for (var i = 0; i < _restocks.Count; i++)
        {
            if (_restocks[i].Acked)
            {
                continue;
            }
            var which = i;
            _shards[0].AddUnits(_restocks[i].Id, _restocks[i].Units, ok =>
            {
                if (ok)
                {
                    _restocks[which] = _restocks[which] with { Acked = true };
                    Note($"restock {_restocks[which].Id} delivered");
                }
            });
            _shards[0].Flush();
        }
    }

    /// <summary>Units a donor gave for a transfer its asker has not booked yet.</summary>
    private int InTransfer()
    {
        var moving = 0;
        foreach (var shard in _shards)
        {
            foreach (var (transferId, donor) in shard.Activate().State.Incoming.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                moving += _shards[donor].Activate().State.Donations.GetValueOrDefault(transferId);
            }
        }
        return moving;
    }

    private void Check()
    {
        foreach (var failed in _shards.Where(s => s.Failed))
        {
            // Idle now: an activation whose write failed (a sibling's call may have met it after its own housekeeping) is dropped.
            Note($"shard {failed.Index} dropped after a failed write");
            failed.Crash();
        }
        foreach (var index in _behind)
        {
            // Split brain serves stale reads until the live copy's append is refused; the books are checked on what it reloads.
            Note($"shard {index} reloads: its stale copy wrote");
            _shards[index].Crash();
        }
        _behind.Clear();
        var allocated = 0;
        var sold = 0;
        var held = 0;
        foreach (var shard in _shards)
        {
            var clean = _housekept[shard.Index] is { } housekept && ReferenceEquals(housekept, shard.Ledger);
            var ledger = shard.Activate();
            var s = ledger.State;
            var mine = _orders.Where(o => o.Shard == shard.Index).ToList();
            Expect(ledger.PendingEvents == 0, $"shard {shard.Index} has {ledger.PendingEvents} changes no write covers");
            Expect(ledger.Available >= 0, $"shard {shard.Index} oversold: allocated {s.Allocated}, sold {s.Sold}, held {s.Held}");
            Expect(s.Held == s.Holds.Values.Sum(h => h.Quantity), $"shard {shard.Index} counts {s.Held} held, its holds add up to {s.Holds.Values.Sum(h => h.Quantity)}");

            // Every order in a state its callers could have been told (an acknowledged one in exactly that state).
            var observed = new Dictionary<string, Could>(StringComparer.Ordinal);
            foreach (var order in mine)
            {
                var found = shard.Find(order.OrderId);
                var state = found is null ? Could.Absent : BookOrder.Of(found.Status);
                var possible = PossibleNow(order);
                Expect(possible.HasFlag(state), $"{order.Key} ({order.CustomerId}) is {state} on shard {shard.Index} after recovery, but its books say {possible}");
                if (found is not null)
                {
                    Expect(found.CustomerId == order.CustomerId && found.Request.Quantity == order.Quantity, $"{order.Key} came back as another order");
                    Expect(order.ExpiresAt is null || order.ExpiresAt == found.HoldExpiresAt, $"{order.Key} came back expiring at another time");
                    Expect(state != Could.Expired || found.HoldExpiresAt <= found.ResolvedAt, $"{order.Key} expired before its time");
                    order.ExpiresAt = found.HoldExpiresAt;
                }
                order.Possible = state;
                observed[order.OrderId] = state;
            }
            var known = mine.Select(o => OrderKeys.HashOf(o.OrderId)).ToHashSet(StringComparer.Ordinal);
            Expect(s.Holds.Keys.All(known.Contains), $"shard {shard.Index} holds units for an order no caller asked for");
            Expect(s.Orders == mine.Count(o => observed[o.OrderId] != Could.Absent), $"shard {shard.Index} counts {s.Orders} orders, its callers placed {mine.Count(o => observed[o.OrderId] != Could.Absent)}");
            Expect(s.Held == mine.Where(o => observed[o.OrderId] == Could.Reserved).Sum(o => o.Quantity),
                $"shard {shard.Index}: held {s.Held}, acknowledged live holds {mine.Where(o => observed[o.OrderId] == Could.Reserved).Sum(o => o.Quantity)}");
            Expect(s.Sold == mine.Where(o => observed[o.OrderId] == Could.Confirmed).Sum(o => o.Quantity),
                $"shard {shard.Index}: sold {s.Sold}, acknowledged payments {mine.Where(o => observed[o.OrderId] == Could.Confirmed).Sum(o => o.Quantity)}");
            foreach (var customer in _customers.Where(c => SaleRules.ShardFor(c, _shardCount) == shard.Index))
            {
                var units = mine.Where(o => o.CustomerId == customer && observed[o.OrderId] is Could.Reserved or Could.Confirmed).Sum(o => o.Quantity);
                Expect(ledger.UnitsOf(customer) == units, $"{customer} counts {ledger.UnitsOf(customer)} units against the limit, holds and bought {units}");
                Expect(units <= _limit, $"{customer} holds and bought {units}, over the limit of {_limit}");
            }
            if (clean)
            {
                Expect(!s.Holds.Values.Any(h => h.HoldExpiresAt <= _now), $"shard {shard.Index} keeps a hold past its time after housekeeping (now {_now:HH:mm:ss}): " +
                    string.Join(", ", s.Holds.Where(h => h.Value.HoldExpiresAt <= _now).Select(h => $"{_orders.First(o => OrderKeys.HashOf(o.OrderId) == h.Key).Key} expires {h.Value.HoldExpiresAt:HH:mm:ss}")));
            }

            // Memory and journal agree: what a crash now would recover is what callers were told.
            var copy = shard.LoadCopy();
            Expect(Fingerprint(copy.State) == Fingerprint(s), $"shard {shard.Index} in memory differs from its journal:\n  memory:  {Fingerprint(s)}\n  journal: {Fingerprint(copy.State)}");
            allocated += s.Allocated;
            sold += s.Sold;
            held += s.Held;
        }
        var undelivered = _restocks.Where(r => !_shards[0].Ledger!.State.Restocks.Contains(r.Id)).Sum(r => r.Units);
        var moving = InTransfer();
        Expect(allocated + moving + undelivered == Stock,
            $"units allocated to the shards ({allocated}) + in transfer ({moving}) + restocks not delivered ({undelivered}) != stock ({Stock})");
        Expect(sold + held <= Stock, $"oversold: sold {sold} + held {held} > stock {Stock}");
    }

    private static string Fingerprint(StockLedgerState s) =>
        $"allocated {s.Allocated}, sold {s.Sold}, held {s.Held}, orders {s.Orders}, paused {s.Control.Paused}, " +
        $"holds [{string.Join(",", s.Holds.Keys.Order(StringComparer.Ordinal))}], " +
        $"units [{string.Join(",", s.UnitsByCustomer.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => $"{u.Key}={u.Value}"))}], " +
        $"known {s.Known.Count}, donations [{string.Join(",", s.Donations.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"))}], " +
        $"incoming [{string.Join(",", s.Incoming.Keys.Order(StringComparer.Ordinal))}], restocks [{string.Join(",", s.Restocks.Order(StringComparer.Ordinal))}], transfers {s.TransferSequence}";

    private void Note(string line)
    {
        _log.Add($"{_step,4}: {line}");
    }

    private void Expect(bool holds, string message)
    {
        if (!holds)
        {
            Fail(message);
        }
    }

    private void Fail(string message) => throw new SimulationFailure(_seed, _step, message, _log.TakeLast(60));
}
