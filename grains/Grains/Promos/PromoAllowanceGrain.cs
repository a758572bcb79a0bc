using FlashSale.Orders;
using FlashSale.Placement;
using FlashSale.Transfers;
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
    private AllowanceBook _book = null!;
    private SiblingTransfers _transfers = null!;

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
        _transfers = new SiblingTransfers(this.GetPrimaryKeyString(), _book, _commit, Donate, _clock, ExhaustedMemory);
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
        var outcome = await Decide(new RedemptionRequest(orderId, customerId, releaseAfter));
        if (outcome == PromoReservation.Reserved)
        {
            // A new hold's write, or a repeat's: answered once the write that recorded it has committed.
            await (_book.PendingEvents > 0 ? _commit.Durable() : _commit.Covering());
        }
        return outcome;
    }

    public async Task<ImmutableArray<PromoReservation>> ReserveMany(ImmutableArray<RedemptionRequest> requests)
    {
        var outcomes = ImmutableArray.CreateBuilder<PromoReservation>(requests.Length);
        foreach (var request in requests)
        {
            outcomes.Add(await Decide(request));
        }
        if (outcomes.Contains(PromoReservation.Reserved))
        {
            await (_book.PendingEvents > 0 ? _commit.Durable() : _commit.Covering());
        }
        return outcomes.MoveToImmutable();
    }

    /// <summary>Holds a redemption in memory (its write is the caller's to wait for), asking the siblings when this share ran out.</summary>
    private async Task<PromoReservation> Decide(RedemptionRequest request)
    {
        if (_book.State.Definition is null)
        {
            return PromoReservation.Unknown;
        }
        while (true)
        {
            var outcome = _book.Reserve(request.OrderId, request.CustomerId, request.ReleaseAfter, _clock.GetUtcNow());
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
            _transfers.Replenished();
            await _commit.Durable();
        }
    }

    public Task<PromoCounts> GetCounts() => Task.FromResult(Ledger.Counts());

    public Task<PromoCounts> GetTotals() => Task.FromResult(Ledger.Totals());

    public Task<int> Donate(string transferId, int wanted) => _transfers.Give(transferId, wanted);

    /// <summary>Asks sibling share <paramref name="donor"/> for redemptions (<see cref="SiblingTransfers"/>).</summary>
    private Task<int> Donate(int donor, string transferId, int wanted) =>
        GrainFactory.GetGrain<IPromoAllowanceGrain>(PromoRules.AllowanceKey(_book.State.Definition!.Code, donor)).Donate(transferId, wanted);

    private Task WriteAsync(int covered)
    {
        var events = _book.TakeBatch();
        return events.Count == 0 ? Task.CompletedTask : _log.AppendAsync(events, [], [], _book.State);
    }

    /// <summary>Brings unused redemptions from siblings; one refill at a time, and none for a second after all were empty.</summary>
    private Task<bool> Refill()
    {
        var state = _book.State;
        return _transfers.Refill(state.Index, state.Definition!.Shards, () => Ledger.Left > 0 ? 0 : 1);
    }

    private async Task SettleForgotten(CancellationToken cancellationToken)
    {
        if (_commit.Failed || cancellationToken.IsCancellationRequested || _book.State.Definition is null)
        {
            // A failed commit reloads on the next call; a grain deactivating (e.g. its silo stopping) leaves open
            // transfers to its next activation rather than calling its siblings while they deactivate too.
            return;
        }
        await _transfers.CompleteIncoming();
        if (await Ledger.SettleForgotten(GrainFactory, _clock.GetUtcNow(), _book.Confirm, _book.Release))
        {
            _transfers.Replenished();
            await _commit.Durable();
        }
    }
}
