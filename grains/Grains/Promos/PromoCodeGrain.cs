using FlashSale.Catalog;
using FlashSale.Orders;
using FlashSale.Sales;
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
    private PromoCodeState _code = null!;

    public PromoCodeGrain(
        [PersistentState("promo-code", StorageNames.Main)] IPersistentState<PromoCodeState> stored,
        ShopClock clock,
        CatalogCache catalog,
        DeepCopier copier)
    {
        _stored = stored;
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

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _code = _stored.State;
        this.RegisterGrainTimer(ReleaseForgotten, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        return Task.CompletedTask;
    }

    public async Task<bool> Create(PromoDefinition definition)
    {
        if (_code.Definition is not null)
        {
            return false;
        }
        _code.Definition = definition;
        await Durable();
        return true;
    }

    public Task<PromoSnapshot?> GetSnapshot() => Task.FromResult(Snapshot());

    public async Task<PromoSnapshot?> Disable()
    {
        if (_code.Definition is null)
        {
            return null;
        }
        _code.Disabled = true;
        await Durable();
        return Snapshot();
    }

    public async Task<PromoReservation> Reserve(string orderId, string customerId, DateTimeOffset releaseAfter)
    {
        if (_code.Definition is not { } rules || _code.Disabled)
        {
            return PromoReservation.Unknown;
        }
        if (_code.Holds.ContainsKey(orderId) || _code.Confirmed.Contains(orderId))
        {
            await _commit.Durable();
            return PromoReservation.Reserved;
        }
        if (rules.MaxRedemptions is { } cap && _code.Redeemed + _code.Holds.Count >= cap)
        {
            return PromoReservation.Exhausted;
        }
        if (rules.PerCustomerLimit is { } limit && _code.PerCustomer.GetValueOrDefault(customerId) >= limit)
        {
            return PromoReservation.CustomerLimit;
        }
        _code.Holds[orderId] = KeyValuePair.Create(customerId, releaseAfter);
        _code.PerCustomer[customerId] = _code.PerCustomer.GetValueOrDefault(customerId) + 1;
        _code.LastUsedAt = _clock.GetUtcNow();
        await Durable();
        return PromoReservation.Reserved;
    }

    public async Task Confirm(string orderId)
    {
        if (_code.Holds.Remove(orderId))
        {
            _code.Redeemed++;
            _code.Confirmed.Add(orderId);
            await Durable();
        }
    }

    public async Task Release(string orderId)
    {
        if (_code.Holds.Remove(orderId, out var hold))
        {
            var left = _code.PerCustomer.GetValueOrDefault(hold.Key) - 1;
            if (left > 0)
            {
                _code.PerCustomer[hold.Key] = left;
            }
            else
            {
                _code.PerCustomer.Remove(hold.Key);
            }
            await Durable();
        }
    }

    /// <summary>
    /// Redemptions whose order should have been paid or released by now: the order's shard knows what
    /// happened (its reply to us may have been lost), so ask it. Only a confirmed order keeps the redemption.
    /// </summary>
    private async Task ReleaseForgotten(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        foreach (var (orderId, (customerId, releaseAfter)) in _code.Holds.Where(h => h.Value.Value <= now).ToList())
        {
            if (SaleRules.ShardKeyOf(orderId) is not { } shard)
            {
                await Release(orderId);
                continue;
            }
            var order = await GrainFactory.GetGrain<IStockShardGrain>(shard).GetOrder(orderId, customerId);
            if (order?.Status == OrderStatus.Confirmed)
            {
                await Confirm(orderId);
            }
            else if (order?.Status != OrderStatus.Reserved)
            {
                await Release(orderId);
            }
        }
    }

    private async Task Durable()
    {
        await _commit.Durable();
        _catalog.ForgetPromo(this.GetPrimaryKeyString());
    }

    private PromoSnapshot? Snapshot() => _code.Definition is { } definition
        ? new PromoSnapshot(definition, _code.Disabled, new PromoCounts(
            _code.Redeemed, _code.Holds.Count, _code.PerCustomer.ToImmutableDictionary(StringComparer.Ordinal), _code.LastUsedAt))
        : null;
}
