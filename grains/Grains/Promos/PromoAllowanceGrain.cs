using FlashSale.Placement;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace FlashSale.Promos;

/// <summary>
/// One share of a shared code's redemptions. Like a stock shard: decisions in memory, group commit, and
/// when its share runs out it asks its siblings for theirs (a durable transfer with an id), so
/// "exhausted" is said only when every share is used.
/// </summary>
[Reentrant]
[SpreadByIndexPlacement]
internal sealed class PromoAllowanceGrain : Grain, IPromoAllowanceGrain
{
    private const int DonationsKept = 1000;
    private static readonly TimeSpan ExhaustedMemory = TimeSpan.FromSeconds(1);

    private readonly IPersistentState<PromoAllowanceState> _stored;
    private readonly ShopClock _clock;
    private readonly GroupCommit _commit;
    private PromoAllowanceState _share = null!;
    private readonly SingleFlight<bool> _refill = new();
    private DateTimeOffset? _siblingsEmptyAt;

    public PromoAllowanceGrain(
        [PersistentState("promo-allowance", StorageNames.Main)] IPersistentState<PromoAllowanceState> stored,
        ShopClock clock,
        DeepCopier copier)
    {
        _stored = stored;
        _clock = clock;
        _commit = new GroupCommit(
            _ =>
            {
                _stored.State = copier.Copy(_share);
                return _stored.WriteStateAsync();
            },
            this);
    }

    private RedemptionLedger Ledger => _share.Ledger;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _share = _stored.State;
        // Transfers asked for before a crash are finished by the timer (at once) and before any refill, never while
        // activating: two shares activating at once, each asking the other, would wait on each other.
        this.RegisterGrainTimer(SettleForgotten, _share.Incoming.Count > 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        return Task.CompletedTask;
    }

    public async Task Initialize(PromoDefinition definition, int index)
    {
        if (_share.Definition is not null)
        {
            // Started before, or by a call whose write is still in flight (or failed: then this answers unknown too).
            await _commit.Covering();
            return;
        }
        _share.Definition = definition;
        _share.Index = index;
        Ledger.Allocated = PromoRules.AllowanceOfShard(definition.MaxRedemptions, definition.Shards, index);
        await _commit.Durable();
    }

    public async Task<PromoReservation> Reserve(string orderId, string customerId, DateTimeOffset releaseAfter)
    {
        if (_share.Definition is not { } rules)
        {
            return PromoReservation.Unknown;
        }
        while (true)
        {
            var outcome = Ledger.TryReserve(orderId, customerId, releaseAfter, rules.PerCustomerLimit, _clock.GetUtcNow());
            if (outcome == PromoReservation.Reserved)
            {
                await _commit.Durable();
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
        if (Ledger.Confirm(orderId))
        {
            await _commit.Durable();
        }
    }

    public async Task Release(string orderId)
    {
        if (Ledger.Release(orderId))
        {
            _siblingsEmptyAt = null;
            await _commit.Durable();
        }
    }

    public Task<PromoCounts> GetCounts() => Task.FromResult(Ledger.Counts());

    public async Task<int> Donate(string transferId, int wanted)
    {
        var earlier = _share.Donations.FindIndex(d => d.Key == transferId);
        if (earlier >= 0)
        {
            await _commit.Durable();
            return _share.Donations[earlier].Value;
        }
        var given = Math.Max(0, Math.Min(Ledger.Left, Math.Max(wanted, Ledger.Left / 2)));
        Ledger.Allocated -= given;
        _share.Donations.Add(KeyValuePair.Create(transferId, given));
        if (_share.Donations.Count > DonationsKept)
        {
            _share.Donations.RemoveRange(0, _share.Donations.Count - DonationsKept);
        }
        await _commit.Durable();
        return given;
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
        var shards = _share.Definition!.Shards;
        for (var step = 1; step < shards && Ledger.Left <= 0; step++)
        {
            var donor = (_share.Index + step) % shards;
            var transferId = $"{this.GetPrimaryKeyString()}#{++_share.TransferSequence}";
            _share.Incoming[transferId] = donor;
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

    /// <summary>Transfers asked for before a crash or a failed write: the donor remembers its answer, so asking again is safe.</summary>
    private async Task CompleteIncomingTransfers()
    {
        foreach (var (transferId, donor) in _share.Incoming.ToList())
        {
            await CompleteTransfer(transferId, donor, 0);
        }
    }

    private async Task CompleteTransfer(string transferId, int donor, int wanted)
    {
        var given = await GrainFactory.GetGrain<IPromoAllowanceGrain>(PromoRules.AllowanceKey(_share.Definition!.Code, donor))
            .Donate(transferId, Math.Max(1, wanted));
        // Counted once, however many completions of the same transfer ran side by side.
        if (_share.Incoming.Remove(transferId))
        {
            Ledger.Allocated += given;
            _siblingsEmptyAt = null;
        }
        await _commit.Durable();
    }

    private async Task SettleForgotten(CancellationToken cancellationToken)
    {
        if (_commit.Failed || _share.Definition is null)
        {
            return;
        }
        await CompleteIncomingTransfers();
        if (await Ledger.SettleForgotten(GrainFactory, _clock.GetUtcNow()))
        {
            _siblingsEmptyAt = null;
            await _commit.Durable();
        }
    }
}
