using FlashSale.Orders;
using FlashSale.Placement;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace FlashSale.Promos;

/// <summary>
/// One share of a shared code's redemptions: a thin grain over its <see cref="AllowanceBook"/>, journaled like a stock
/// shard (one journal entry per group commit, snapshots now and then), and when its share runs out it asks its siblings
/// for theirs (a durable transfer with an id), so "exhausted" is said only when every share is used.
/// </summary>
[Reentrant]
[SpreadByIndexPlacement]
internal sealed class PromoAllowanceGrain : Grain, IPromoAllowanceGrain
{
    private static readonly TimeSpan ExhaustedMemory = TimeSpan.FromSeconds(1);

    private readonly JournalLog<PromoAllowanceState, AllowanceEvent> _log;
    private readonly ShopClock _clock;
    private readonly GroupCommit _commit;
    private readonly SingleFlight<bool> _refill = new();
    private AllowanceBook _book = null!;
    private DateTimeOffset? _siblingsEmptyAt;

    public PromoAllowanceGrain(IShardJournal journal, ShardJournalOptions options, Serializer serializer, ShopClock clock)
    {
        // Journal keys of shares cannot meet a stock shard's ({sale}/{sku}/{n}): sale ids have no ':'.
        _log = new JournalLog<PromoAllowanceState, AllowanceEvent>(journal, serializer, options, $"promo:{this.GetPrimaryKeyString()}");
        _clock = clock;
        _commit = new GroupCommit(WriteAsync, this);
    }

    private RedemptionLedger Ledger => _book.Ledger;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = new AllowanceBook(await _log.LoadAsync());
        _log.Replay(_book.Apply);
        // Transfers asked for before a crash are finished by the timer (at once) and before any refill, never while
        // activating: two shares activating at once, each asking the other, would wait on each other.
        this.RegisterGrainTimer(SettleForgotten, _book.State.Incoming.Count > 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    public async Task Initialize(PromoDefinition definition, int index)
    {
        // Started before, or by a call whose write is still in flight (or failed: then this answers unknown too).
        await (_book.Start(definition, index) ? _commit.Durable() : _commit.Covering());
    }

    public async Task<PromoReservation> Reserve(string orderId, string customerId, DateTimeOffset releaseAfter)
    {
        if (_book.State.Definition is null)
        {
            return PromoReservation.Unknown;
        }
        while (true)
        {
            var outcome = _book.Reserve(orderId, customerId, releaseAfter, _clock.GetUtcNow());
            if (outcome == PromoReservation.Reserved)
            {
                // A new hold's write, or a repeat's: answered once the write that recorded it has committed.
                await (_book.PendingEvents > 0 ? _commit.Durable() : _commit.Covering());
                return outcome;
            }
            if (outcome != PromoReservation.Exhausted || !await Refill())
            {
                return outcome;
            }
        }
    }

    public async Task Confirm(string orderId)
    {
        if (_book.Confirm(orderId))
        {
            await _commit.Durable();
        }
    }

    public async Task Release(string orderId)
    {
        if (_book.Release(orderId))
        {
            _siblingsEmptyAt = null;
            await _commit.Durable();
        }
    }

    public Task<PromoCounts> GetCounts() => Task.FromResult(Ledger.Counts());

    public Task<PromoCounts> GetTotals() => Task.FromResult(Ledger.Totals());

    public async Task<int> Donate(string transferId, int wanted)
    {
        if (_book.State.Donations.TryGetValue(transferId, out var earlier))
        {
            await _commit.Covering();
            return earlier;
        }
        var given = _book.Donate(transferId, wanted);
        await _commit.Durable();
        return given;
    }

    private Task WriteAsync(int covered)
    {
        var events = _book.TakeBatch();
        return events.Count == 0 ? Task.CompletedTask : _log.AppendAsync(events, [], [], _book.State);
    }

    /// <summary>Brings unused redemptions from siblings; one refill at a time, and none for a second after all were empty.</summary>
    private Task<bool> Refill()
    {
        if (_siblingsEmptyAt is { } emptyAt && _clock.GetUtcNow() - emptyAt < ExhaustedMemory)
        {
            return Task.FromResult(false);
        }
        return _refill.Run(() => RefillFromSiblings());
    }

    private async Task<bool> RefillFromSiblings()
    {
        await CompleteIncomingTransfers();
        var state = _book.State;
        var shards = state.Definition!.Shards;
        for (var step = 1; step < shards && Ledger.Left <= 0; step++)
        {
            var donor = (state.Index + step) % shards;
            var transferId = _book.AskTransfer(this.GetPrimaryKeyString(), donor);
            await _commit.Durable();
            await CompleteTransfer(transferId, donor, 1);
        }
        if (Ledger.Left <= 0)
        {
            _siblingsEmptyAt = _clock.GetUtcNow();
            return false;
        }
        return true;
    }

    /// <summary>
    /// Transfers asked for before a crash or a failed write: the donor remembers its answer, so asking again is safe.
    /// Only once the asking is durable (as <c>StockShardGrain</c>): otherwise a donor could give to an ask no reload knows.
    /// </summary>
    private async Task CompleteIncomingTransfers()
    {
        if (_book.State.Incoming.Count == 0)
        {
            return;
        }
        var incoming = _book.State.Incoming.ToList();
        await _commit.Covering();
        foreach (var (transferId, donor) in incoming)
        {
            await CompleteTransfer(transferId, donor, 0);
        }
    }

    private async Task CompleteTransfer(string transferId, int donor, int wanted)
    {
        var given = await GrainFactory.GetGrain<IPromoAllowanceGrain>(PromoRules.AllowanceKey(_book.State.Definition!.Code, donor))
            .Donate(transferId, Math.Max(1, wanted));
        // Booked once, however many completions of the same transfer ran side by side.
        if (_book.BookTransfer(transferId, given))
        {
            _siblingsEmptyAt = null;
            await _commit.Durable();
        }
        else
        {
            await _commit.Covering();
        }
    }

    private async Task SettleForgotten(CancellationToken cancellationToken)
    {
        if (_commit.Failed || _book.State.Definition is null)
        {
            return;
        }
        await CompleteIncomingTransfers();
        if (await Ledger.SettleForgotten(GrainFactory, _clock.GetUtcNow(), _book.Confirm, _book.Release))
        {
            _siblingsEmptyAt = null;
            await _commit.Durable();
        }
    }
}
