using FlashSale.Catalog;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace FlashSale.Promos;

[Reentrant]
internal sealed class PromoCodeGrain : Grain, IPromoCodeGrain
{
    private readonly IPersistentState<PromoCodeState> _stored;
    private readonly ShopClock _clock;
    private readonly CatalogCache _catalog;
    private readonly GroupCommit _commit;
    private readonly ILogger<PromoCodeGrain> _logger;
    private PromoCodeState _code = null!;

    public PromoCodeGrain(
        [PersistentState("promo-code", StorageNames.Main)] IPersistentState<PromoCodeState> stored,
        ShopClock clock,
        CatalogCache catalog,
        ILogger<PromoCodeGrain> logger,
        DeepCopier copier)
    {
        _stored = stored;
        _logger = logger;
        _clock = clock;
        _catalog = catalog;
        // Each write stores a copy: the provider serialises after it yields, while this reentrant grain goes on.
        _commit = new GroupCommit(
            _ =>
            {
                _stored.State = copier.Copy(_code);
                return _stored.WriteStateAsync();
            },
            this);
    }

    private bool Sharded => _code.Definition?.Shards > 1;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _code = _stored.State;
        // Shares a create left unstarted are started by housekeeping (at once), never while activating.
        this.RegisterGrainTimer(Housekeeping, SharesMissing ? TimeSpan.Zero : TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        return Task.CompletedTask;
    }

    private bool SharesMissing => Sharded && !_code.SharesReady;

    public async Task<bool> Create(PromoDefinition definition)
    {
        if (_code.Definition is { } existing)
        {
            if (!existing.SameRulesAs(definition))
            {
                return false;
            }
            // A retry: answered once the first attempt's write is durable, and after finishing what it left undone.
            await _commit.Covering();
        }
        else
        {
            _code.Definition = definition;
            _code.Ledger.Allocated = PromoRules.AllowanceOfShard(definition.MaxRedemptions, 1, 0);
            await Durable();
        }
        // With the definition the code kept: a retry's share count may differ (the cluster changed size meanwhile).
        await StartShares(_code.Definition!);
        return true;
    }

    /// <summary>A shared code's redemptions live in its allowance shares, each with its share of the cap; starting one again changes nothing.</summary>
    private async Task StartShares(PromoDefinition definition)
    {
        if (_code.SharesReady || definition.Shards <= 1)
        {
            return;
        }
        await Task.WhenAll(Enumerable.Range(0, definition.Shards).Select(index =>
            GrainFactory.GetGrain<IPromoAllowanceGrain>(PromoRules.AllowanceKey(definition.Code, index)).Initialize(definition, index)));
        if (!_code.SharesReady)
        {
            _code.SharesReady = true;
            await Durable();
        }
    }

    public async Task<PromoSnapshot?> GetSnapshot() =>
        _code.Definition is { } definition ? new PromoSnapshot(definition, _code.Disabled, await GetCounts()) : null;

    public async Task<PromoSnapshot?> GetRules() =>
        _code.Definition is { } definition ? new PromoSnapshot(definition, _code.Disabled, await GetTotals()) : null;

    public Task<PromoCounts> GetCounts() => Counts(perCustomer: true);

    public Task<PromoCounts> GetTotals() => Counts(perCustomer: false);

    private async Task<PromoCounts> Counts(bool perCustomer)
    {
        if (!Sharded)
        {
            return perCustomer ? _code.Ledger.Counts() : _code.Ledger.Totals();
        }
        var shards = await Task.WhenAll(Enumerable.Range(0, _code.Definition!.Shards).Select(index =>
        {
            var share = GrainFactory.GetGrain<IPromoAllowanceGrain>(PromoRules.AllowanceKey(_code.Definition.Code, index));
            return perCustomer ? share.GetCounts() : share.GetTotals();
        }));
        return new PromoCounts(
            shards.Sum(s => s.Redeemed),
            shards.Sum(s => s.Held),
            shards.SelectMany(s => s.PerCustomer).ToImmutableDictionary(StringComparer.Ordinal),
            shards.Max(s => s.LastUsedAt));
    }

    public Task<PromoSnapshot?> Disable() => SetDisabled(true);

    public Task<PromoSnapshot?> Enable() => SetDisabled(false);

    private async Task<PromoSnapshot?> SetDisabled(bool disabled)
    {
        if (_code.Definition is null)
        {
            return null;
        }
        _code.Disabled = disabled;
        await Durable();
        // Totals: a marketer stopping a code in the middle of its stampede should not have its shares build a row per shopper.
        return await GetRules();
    }

    public async Task<PromoReservation> Reserve(string orderId, string customerId, DateTimeOffset releaseAfter)
    {
        var outcome = Decide(new RedemptionRequest(orderId, customerId, releaseAfter));
        if (outcome == PromoReservation.Reserved)
        {
            await Durable();
        }
        return outcome;
    }

    public async Task<ImmutableArray<PromoReservation>> ReserveMany(ImmutableArray<RedemptionRequest> requests)
    {
        var outcomes = requests.Select(Decide).ToImmutableArray();
        if (outcomes.Contains(PromoReservation.Reserved))
        {
            await Durable();
        }
        return outcomes;
    }

    private PromoReservation Decide(RedemptionRequest request) =>
        _code.Definition is not { } rules || _code.Disabled || Sharded
            ? PromoReservation.Unknown
            : _code.Ledger.TryReserve(request.OrderId, request.CustomerId, request.ReleaseAfter, rules.PerCustomerLimit, _clock.GetUtcNow());

    public async Task Confirm(string orderId)
    {
        if (_code.Ledger.Confirm(orderId))
        {
            await Durable();
        }
    }

    public async Task Release(string orderId)
    {
        if (_code.Ledger.Release(orderId))
        {
            await Durable();
        }
    }

    private async Task Housekeeping(CancellationToken cancellationToken)
    {
        if (_commit.Failed)
        {
            return;
        }
        if (SharesMissing)
        {
            try
            {
                await StartShares(_code.Definition!);
            }
            catch (Exception e)
            {
                _logger.LogWarning("Promo code {Code}: not every allowance share started yet ({Reason}); trying again.", _code.Definition!.Code, e.Message);
            }
        }
        if (await _code.Ledger.SettleForgotten(GrainFactory, _clock.GetUtcNow()))
        {
            await Durable();
        }
    }

    private async Task Durable()
    {
        await _commit.Durable();
        _catalog.ForgetPromo(this.GetPrimaryKeyString());
    }
}
