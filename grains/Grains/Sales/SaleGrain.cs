using FlashSale.Orders;
using FlashSale.Pricing;
using FlashSale.Products;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace FlashSale.Sales;

/// <summary>
/// A sale's definition and controls. A marketer's change is answered once it is recorded (by group commit); what the
/// shards must learn (the set-up, the latest pause/resume/end, restocks) stays pending in the sale's state until every
/// shard confirmed it: delivered at once, and again by housekeeping every second while anything is pending.
/// </summary>
[Reentrant]
internal sealed class SaleGrain : Grain, ISaleGrain
{
    private const int ChangeKeysKept = 1000;
    private static readonly TimeSpan RedeliverEvery = TimeSpan.FromSeconds(1);

    /// <summary>How long a marketer's answer waits for the shards; what is not delivered by then, housekeeping delivers.</summary>
    private static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(10);

    private readonly IPersistentState<SaleState> _stored;
    private readonly ShopClock _clock;
    private readonly ILogger<SaleGrain> _logger;
    private readonly GroupCommit _commit;
    private readonly DeliveryPasses _deliveries;
    private SaleState _sale = null!;
    private long _controlVersion;
    private long _setUpVersion;
    private IGrainTimer? _housekeeping;

    public SaleGrain(
        [PersistentState("sale", StorageNames.Main)] IPersistentState<SaleState> stored,
        ShopClock clock,
        ILogger<SaleGrain> logger,
        DeepCopier copier)
    {
        _stored = stored;
        _clock = clock;
        _logger = logger;
        // Each write stores a copy: the provider serialises after it yields, while this reentrant grain goes on.
        _commit = new GroupCommit(
            _ =>
            {
                _stored.State = copier.Copy(_sale);
                return _stored.WriteStateAsync();
            },
            this);
        _deliveries = new DeliveryPasses(DeliverPending, logger);
    }

    private bool HasPending =>
        _sale.Definition is not null && (!_sale.SetUpDone || _sale.ControlPending.Count > 0 || _sale.PendingRestocks.Count > 0);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _sale = _stored.State;
        // Deliveries recorded before a crash go out from housekeeping (at once), never while activating.
        KeepDelivering(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task<CreateSaleOutcome> Create(SaleDefinition definition, string? idempotencyKey = null)
    {
        var key = idempotencyKey is null ? null : SaleRules.KeyHash(idempotencyKey);
        CreateSaleOutcome outcome;
        if (_sale.Definition is { } existing)
        {
            var sameKey = key is not null && key == _sale.CreatedWithKey;
            if (!SameSale(existing, definition))
            {
                return sameKey ? CreateSaleOutcome.KeyReused : CreateSaleOutcome.IdTaken;
            }
            outcome = sameKey ? CreateSaleOutcome.Created : CreateSaleOutcome.AlreadyCreated;
            await _commit.Covering();
        }
        else
        {
            _sale.Definition = definition;
            _sale.Stock = definition.Items.ToDictionary(i => i.Sku, i => i.Stock, StringComparer.Ordinal);
            _sale.CreatedWithKey = key;
            await _commit.Durable();
            outcome = CreateSaleOutcome.Created;
        }
        // Every step is idempotent: a retried create finishes what a failed one started, and so does housekeeping; with
        // the definition the sale kept (a retry's shard counts may differ).
        KeepDelivering(RedeliverEvery);
        await SetUp(_sale.Definition!);
        if (!_sale.SetUpDone)
        {
            _sale.SetUpDone = true;
            await _commit.Durable();
        }
        return outcome;
    }

    public async Task<SaleSnapshot?> GetSnapshot()
    {
        if (_sale.Definition is not { } definition)
        {
            return null;
        }
        // Always counted afresh: marketers see exact numbers; storefront reads go through each silo's cache.
        var countedAt = _clock.GetUtcNow();
        var items = await Task.WhenAll(definition.Items.Select(async item =>
        {
            var shards = await Task.WhenAll(Enumerable.Range(0, item.Shards).Select(index =>
                GrainFactory.GetGrain<IStockShardGrain>(SaleRules.ShardKey(definition.Id, item.Sku, index)).GetCounts()));
            // Units a donor gave and its asker has not booked yet (transfers are rare: usually there are none).
            var inTransfer = await Task.WhenAll(shards.SelectMany(s => s.PendingTransfers).Select(async transfer =>
                await GrainFactory.GetGrain<IStockShardGrain>(SaleRules.ShardKey(definition.Id, item.Sku, transfer.Value)).Donated(transfer.Key) ?? 0));
            return new ItemCounts(
                item.Sku,
                _sale.Stock.GetValueOrDefault(item.Sku),
                shards.Sum(s => s.Sold),
                shards.Sum(s => s.Held),
                shards.Sum(s => s.Orders),
                shards.Aggregate(Rejections.None, (total, s) => total + s.Rejected),
                shards.Sum(s => s.Batches),
                shards.Sum(s => s.BatchedRequests),
                shards.Sum(s => s.Allocated),
                inTransfer.Sum(),
                shards.Aggregate(OrderOutcomes.None, (total, s) => total + (s.Outcomes ?? OrderOutcomes.None)));
        }));
        var pending = (_sale.SetUpDone ? 0 : 1) + _sale.ControlPending.Count + _sale.PendingRestocks.Count;
        return new SaleSnapshot(definition, _sale.Control, [.. items], countedAt, pending);
    }

    public Task<SaleChange> Pause(string? idempotencyKey = null) => SetControl(idempotencyKey, "pause", c => c with { Paused = true });

    public Task<SaleChange> Resume(string? idempotencyKey = null) => SetControl(idempotencyKey, "resume", c => c with { Paused = false });

    public Task<SaleChange> End(string? idempotencyKey = null) =>
        SetControl(idempotencyKey, "end", c => c with { EndedAt = c.EndedAt ?? _clock.GetUtcNow() });

    public async Task<SaleChange> SetWaitingRoom(WaitingRoom? room, string? idempotencyKey = null)
    {
        if (_sale.Definition is not { } definition)
        {
            return SaleChange.NotFound;
        }
        // Not for the shards: the front ends read it with the sale, through each silo's catalog cache.
        if (!await ApplyOnce(idempotencyKey, $"waiting-room {room?.AdmitPerSecond ?? 0}", () => _sale.Definition = definition with { WaitingRoom = room }))
        {
            return SaleChange.KeyReused;
        }
        return new SaleChange(SaleChangeOutcome.Done, await GetSnapshot());
    }

    public async Task<SaleChange> Amend(SaleDefinition amended, string? idempotencyKey = null)
    {
        if (_sale.Definition is not { } current)
        {
            return SaleChange.NotFound;
        }
        var change = SaleEdits.Fingerprint(amended);
        if (EarlierChange(idempotencyKey) is null && SaleEdits.Refusal(current, _sale.Control, _sale.Stock, amended, _clock.GetUtcNow()) is { } refusal)
        {
            return new SaleChange(SaleChangeOutcome.Refused, null, refusal.Reason, refusal.Field);
        }
        var applied = await ApplyOnce(idempotencyKey, change, () =>
        {
            _sale.Definition = SaleEdits.Amended(current, _sale.Stock, amended);
            // The marketer's stock is the total, restocks included.
            _sale.Stock = amended.Items.ToDictionary(i => i.Sku, i => i.Stock, StringComparer.Ordinal);
            // Delivered like the set-up (each shard keeps the newest revision it is told), and so are the products' sale prices.
            _sale.SetUpDone = false;
            _setUpVersion++;
        });
        if (!applied)
        {
            return SaleChange.KeyReused;
        }
        return await Delivered();
    }

    public async Task<SaleChange> Restock(string sku, int quantity, string? idempotencyKey = null)
    {
        if (_sale.Definition is not { } definition || definition.Item(sku) is null)
        {
            return SaleChange.NotFound;
        }
        var change = $"restock {sku} {quantity}";
        if (EarlierChange(idempotencyKey) is null && SaleValidation.RestockRefusal(_sale.Stock.GetValueOrDefault(sku), quantity) is { } refusal)
        {
            return new SaleChange(SaleChangeOutcome.OverStockCap, null, refusal);
        }
        var applied = await ApplyOnce(idempotencyKey, change, () =>
        {
            // The key names the restock, so the shard adds its units once whoever sends it again.
            var restockId = SaleRules.RestockId(definition.Id, sku, idempotencyKey, ++_sale.RestockSequence);
            _sale.Stock[sku] = _sale.Stock.GetValueOrDefault(sku) + quantity;
            _sale.PendingRestocks[restockId] = KeyValuePair.Create(sku, quantity);
        });
        if (!applied)
        {
            return SaleChange.KeyReused;
        }
        return await Delivered();
    }

    private async Task<SaleChange> SetControl(string? idempotencyKey, string change, Func<SaleControl, SaleControl> apply)
    {
        if (_sale.Definition is not { } definition)
        {
            return SaleChange.NotFound;
        }
        var applied = await ApplyOnce(idempotencyKey, change, () =>
        {
            _sale.Control = apply(_sale.Control);
            // Every change (also one that changes nothing) goes to every shard again: a shard that missed one catches up.
            _sale.ControlPending = new HashSet<string>(
                definition.Items.SelectMany(item => Enumerable.Range(0, item.Shards).Select(index => SaleRules.ShardKey(definition.Id, item.Sku, index))),
                StringComparer.Ordinal);
            _controlVersion++;
        });
        if (!applied)
        {
            return SaleChange.KeyReused;
        }
        return await Delivered();
    }

    /// <summary>
    /// A marketer's change, made once per Idempotency-Key: applied and written for a new key (or none); for a retry of
    /// the same change, answered once the write that made it is durable (later changes are not undone). False when the
    /// key came with another change.
    /// </summary>
    private async Task<bool> ApplyOnce(string? idempotencyKey, string change, Action apply)
    {
        switch (EarlierChange(idempotencyKey))
        {
            case null:
                apply();
                Remember(idempotencyKey, change);
                await _commit.Durable();
                return true;
            case var earlier when earlier == change:
                await _commit.Covering();
                return true;
            default:
                return false;
        }
    }

    /// <summary>The answer to a recorded change: after the shards had a moment to confirm it (housekeeping does the rest).</summary>
    private async Task<SaleChange> Delivered()
    {
        KeepDelivering(RedeliverEvery);
        await Task.WhenAny(_deliveries.Run(), Task.Delay(DeliveryWait));
        return new SaleChange(SaleChangeOutcome.Done, await GetSnapshot());
    }

    /// <summary>What the marketer asked before under this key (null: a new change, or no key).</summary>
    private string? EarlierChange(string? idempotencyKey)
    {
        if (idempotencyKey is null)
        {
            return null;
        }
        var key = SaleRules.KeyHash(idempotencyKey);
        var earlier = _sale.ChangeKeys.FindLastIndex(k => k.Key == key);
        return earlier < 0 ? null : _sale.ChangeKeys[earlier].Value;
    }

    private void Remember(string? idempotencyKey, string change)
    {
        if (idempotencyKey is null)
        {
            return;
        }
        _sale.ChangeKeys.Add(KeyValuePair.Create(SaleRules.KeyHash(idempotencyKey), change));
        if (_sale.ChangeKeys.Count > ChangeKeysKept)
        {
            _sale.ChangeKeys.RemoveRange(0, _sale.ChangeKeys.Count - ChangeKeysKept);
        }
    }

    /// <summary>Housekeeping while anything is pending: a timer that keeps the sale active until every shard confirmed.</summary>
    private void KeepDelivering(TimeSpan dueTime)
    {
        if (_housekeeping is null && HasPending)
        {
            _housekeeping = this.RegisterGrainTimer(Housekeeping, new GrainTimerCreationOptions(dueTime, RedeliverEvery) { KeepAlive = true });
        }
    }

    private async Task Housekeeping(CancellationToken cancellationToken)
    {
        if (!_commit.Failed)
        {
            await _deliveries.Run();
        }
        if (_commit.Failed || !HasPending)
        {
            _housekeeping?.Dispose();
            _housekeeping = null;
        }
    }

    /// <summary>One pass over everything pending; each delivery is idempotent, so sending one again is safe.</summary>
    private async Task DeliverPending()
    {
        if (_sale.Definition is not { } definition || _commit.Failed)
        {
            return;
        }
        var changed = false;
        var setUpVersion = _setUpVersion;
        // An edit made during the pass is pending again: this pass delivered the definition before it.
        if (!_sale.SetUpDone && await Attempt(() => SetUp(definition), "set-up") && setUpVersion == _setUpVersion)
        {
            _sale.SetUpDone = true;
            changed = true;
        }
        var version = _controlVersion;
        var control = _sale.Control;
        var controls = Task.WhenAll(_sale.ControlPending.ToList().Select(async shard =>
            (Shard: shard, Done: await Attempt(() => GrainFactory.GetGrain<IStockShardGrain>(shard).Control(control), $"control to {shard}"))));
        // Restocked units go to shard 0 once it is set up (its set-up would replace them); siblings that run dry draw on them.
        var restocks = Task.WhenAll(_sale.PendingRestocks.Where(_ => _sale.SetUpDone).ToList().Select(async restock =>
            (Id: restock.Key, Done: await Attempt(
                () => GrainFactory.GetGrain<IStockShardGrain>(SaleRules.ShardKey(definition.Id, restock.Value.Key, 0)).AddUnits(restock.Key, restock.Value.Value),
                $"restock {restock.Key}"))));
        foreach (var (shard, done) in await controls)
        {
            // A newer change made during the pass is pending for every shard again.
            changed |= done && version == _controlVersion && _sale.ControlPending.Remove(shard);
        }
        foreach (var (id, done) in await restocks)
        {
            changed |= done && _sale.PendingRestocks.Remove(id);
        }
        if (changed)
        {
            // Lost, this write costs only a harmless redelivery after a reload.
            await _commit.Durable();
        }
    }

    private async Task<bool> Attempt(Func<Task> delivery, string what)
    {
        try
        {
            await delivery();
            return true;
        }
        catch (Exception e)
        {
            _logger.LogWarning("Sale {Sale}: {What} not confirmed yet ({Reason}); it is sent again.", this.GetPrimaryKeyString(), what, e.Message);
            return false;
        }
    }

    private async Task SetUp(SaleDefinition definition)
    {
        await Task.WhenAll(definition.Items.Select(item => GrainFactory.GetGrain<IProductGrain>(item.Sku)
            .SetSalePrice(new SalePrice(definition.Id, definition.StartsAt, definition.EndsAt, item.SalePrices))));
        await Task.WhenAll(definition.Items.SelectMany(item => Enumerable.Range(0, item.Shards).Select(index =>
            GrainFactory.GetGrain<IStockShardGrain>(SaleRules.ShardKey(definition.Id, item.Sku, index))
                .Initialize(new ShardSetup(definition, item.Sku, index, SaleRules.UnitsOfShard(item.Stock, item.Shards, index))))));
        await GrainFactory.GetGrain<ISaleDirectoryGrain>(ISaleDirectoryGrain.Key).Add(definition.Id);
    }

    /// <summary>The same sale as the marketer sent it; the shard counts are the platform's (a retry after the cluster grew may count other ones) and the sale keeps its first.</summary>
    private static bool SameSale(SaleDefinition a, SaleDefinition b) =>
        a.Name == b.Name && a.StartsAt == b.StartsAt && a.EndsAt == b.EndsAt && a.HoldMinutes == b.HoldMinutes
        && a.Regions.SequenceEqual(b.Regions)
        && a.Items.Length == b.Items.Length
        && a.Items.Zip(b.Items).All(pair => pair.First.Sku == pair.Second.Sku && pair.First.Stock == pair.Second.Stock
            && pair.First.PerCustomerLimit == pair.Second.PerCustomerLimit
            && pair.First.SalePrices.Count == pair.Second.SalePrices.Count
            && pair.First.SalePrices.All(p => pair.Second.SalePrices.GetValueOrDefault(p.Key) == p.Value));
}
