using FlashSale.Catalog;
using FlashSale.Pricing;
using FlashSale.Sales;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace FlashSale.Orders;

[Reentrant]
internal sealed class StockShardGrain : Grain, IStockShardGrain
{
    private const int DonationsKept = 1000;
    private static readonly TimeSpan ResolvedKept = TimeSpan.FromHours(24);
    private static readonly TimeSpan SoldOutMemory = TimeSpan.FromSeconds(1);

    private readonly IPersistentState<StockShardState> _shard;
    private readonly DeepCopier _copier;
    private readonly CatalogCache _catalog;
    private readonly TimeProvider _clock;
    private readonly ILogger<StockShardGrain> _logger;
    private readonly GroupCommit _commit;
    private readonly Dictionary<string, Task> _notYetDurable = new(StringComparer.Ordinal);
    private Task<bool>? _refill;
    private DateTimeOffset? _siblingsEmptyAt;
    private bool _delivering;

    public StockShardGrain(
        [PersistentState("stock-shard", StorageNames.Main)] IPersistentState<StockShardState> shard,
        CatalogCache catalog,
        ShopClock clock,
        ILogger<StockShardGrain> logger,
        DeepCopier copier)
    {
        _shard = shard;
        _copier = copier;
        _catalog = catalog;
        _clock = clock;
        _logger = logger;
        _commit = new GroupCommit(WriteAsync, this);
    }

    /// <summary>
    /// The state requests work on. Each write stores a copy of it, because the storage provider serialises
    /// after it yields, while other requests (this grain is reentrant) keep changing the working state.
    /// </summary>
    private StockShardState State { get; set; } = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        State = _shard.State;
        this.RegisterGrainTimer(Housekeeping, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        // Transfers asked for before a crash: the donor remembers its answer, so asking again is safe.
        foreach (var (transferId, donor) in State.Incoming.ToList())
        {
            await CompleteTransfer(transferId, donor, 0);
        }
        if (State.Outbox.Count > 0)
        {
            _ = DeliverOutbox();
        }
    }

    public async Task Initialize(ShardSetup setup)
    {
        if (State.Setup is not null)
        {
            return;
        }
        State.Setup = setup;
        State.Allocated = setup.Units;
        await _commit.Durable();
    }

    public async Task Control(SaleControl control)
    {
        if (State.Control == control)
        {
            return;
        }
        State.Control = control;
        await _commit.Durable();
    }

    public async Task<OrderResult> Hold(HoldRequest request)
    {
        if (State.Setup is not { } setup)
        {
            return OrderResult.Refused(OrderOutcome.UnknownSale);
        }
        // Prices first (the only await before the decision): from this silo's memory, never storage.
        var region = await _catalog.Region(request.Request.Region);
        var product = await _catalog.Product(setup.Sku);
        var price = region is null || product is null ? null : PriceBook.For(product, region.Code, region.Currency, setup.Sale.Id);

        while (true)
        {
            ExpireDue();
            if (Existing(request) is { } replay)
            {
                return await replay;
            }
            if (Refusal(setup, request, region, price) is { } refusal)
            {
                return refusal;
            }
            if (State.Available >= request.Request.Quantity)
            {
                break;
            }
            if (!await Refill(request.Request.Quantity))
            {
                if (Existing(request) is null && State.Available < request.Request.Quantity)
                {
                    Reject(r => r with { SoldOut = r.SoldOut + 1 });
                    return OrderResult.Refused(OrderOutcome.SoldOut);
                }
            }
        }

        var now = _clock.GetUtcNow();
        var quote = QuoteCalculator.Compute(region!, price!.Price, request.Request.Quantity, null, null);
        var order = new Order(
            request.OrderId, request.CustomerId, request.IdempotencyKey, request.Request.Fingerprint, request.Request, quote,
            OrderStatus.Reserved, now, now.AddMinutes(setup.Sale.HoldMinutes), null, this.GetPrimaryKeyString());
        State.Holds[order.OrderId] = order;
        State.UnitsByCustomer[order.CustomerId] = State.UnitsByCustomer.GetValueOrDefault(order.CustomerId) + order.Request.Quantity;
        State.Orders++;
        State.Outbox[order.OrderId] = order;
        var durable = _commit.Durable();
        _notYetDurable[order.OrderId] = durable;
        try
        {
            await durable;
        }
        finally
        {
            _notYetDurable.Remove(order.OrderId);
        }
        return new OrderResult(OrderOutcome.Held, order);
    }

    public async Task<OrderResult> Pay(string orderId)
    {
        await DurableIfChanged(ExpireDue());
        if (State.Holds.Remove(orderId, out var hold))
        {
            State.Sold += hold.Request.Quantity;
            var confirmed = Resolve(hold, OrderStatus.Confirmed);
            await _commit.Durable();
            return new OrderResult(OrderOutcome.Confirmed, confirmed);
        }
        return await Settled(orderId, State.Resolved.GetValueOrDefault(orderId) switch
        {
            { Status: OrderStatus.Confirmed } order => new OrderResult(OrderOutcome.Confirmed, order),
            { Status: OrderStatus.Expired } order => new OrderResult(OrderOutcome.HoldExpired, order),
            { Status: OrderStatus.Cancelled } order => new OrderResult(OrderOutcome.AlreadyCancelled, order),
            _ => OrderResult.Refused(OrderOutcome.NotFound),
        });
    }

    public async Task<OrderResult> Cancel(string orderId)
    {
        await DurableIfChanged(ExpireDue());
        if (State.Holds.Remove(orderId, out var hold))
        {
            Release(hold);
            var cancelled = Resolve(hold, OrderStatus.Cancelled);
            await _commit.Durable();
            return new OrderResult(OrderOutcome.Cancelled, cancelled);
        }
        return await Settled(orderId, State.Resolved.GetValueOrDefault(orderId) switch
        {
            { Status: OrderStatus.Cancelled } order => new OrderResult(OrderOutcome.Cancelled, order),
            { Status: OrderStatus.Expired } order => new OrderResult(OrderOutcome.HoldExpired, order),
            { Status: OrderStatus.Confirmed } order => new OrderResult(OrderOutcome.Confirmed, order),
            _ => OrderResult.Refused(OrderOutcome.NotFound),
        });
    }

    public async Task<ShardCounts> GetCounts()
    {
        await DurableIfChanged(ExpireDue());
        return new ShardCounts(State.Allocated, State.Sold, State.Held, State.Orders, State.Rejected, State.Batches, State.BatchedRequests);
    }

    public async Task<Order?> GetOrder(string orderId)
    {
        await DurableIfChanged(ExpireDue());
        return State.Holds.GetValueOrDefault(orderId) ?? State.Resolved.GetValueOrDefault(orderId);
    }

    public async Task<int> Donate(string transferId, int wanted)
    {
        var earlier = State.Donations.FindIndex(d => d.Key == transferId);
        if (earlier >= 0)
        {
            await _commit.Durable();
            return State.Donations[earlier].Value;
        }
        ExpireDue();
        // Give what was asked, or half of what is left when that is more, so the asker is not back at once.
        var given = Math.Max(0, Math.Min(State.Available, Math.Max(wanted, State.Available / 2)));
        State.Allocated -= given;
        State.Donations.Add(KeyValuePair.Create(transferId, given));
        if (State.Donations.Count > DonationsKept)
        {
            State.Donations.RemoveRange(0, State.Donations.Count - DonationsKept);
        }
        await _commit.Durable();
        return given;
    }

    public async Task AddUnits(string restockId, int units)
    {
        if (State.Restocks.Add(restockId))
        {
            State.Allocated += units;
            _siblingsEmptyAt = null;
        }
        await _commit.Durable();
    }

    private Task<OrderResult>? Existing(HoldRequest request)
    {
        var order = State.Holds.GetValueOrDefault(request.OrderId) ?? State.Resolved.GetValueOrDefault(request.OrderId);
        if (order is null)
        {
            return null;
        }
        if (order.Fingerprint != request.Request.Fingerprint)
        {
            return Task.FromResult(OrderResult.Refused(OrderOutcome.KeyReused));
        }
        // A repeat of an order whose write is still in flight is answered when that write commits.
        var durable = _notYetDurable.GetValueOrDefault(order.OrderId) ?? Task.CompletedTask;
        return durable.ContinueWith(
            t => t.IsCompletedSuccessfully ? new OrderResult(OrderOutcome.Held, order) : throw new StorageOutcomeUnknownException(t.Exception!),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Current);
    }

    private OrderResult? Refusal(ShardSetup setup, HoldRequest request, Regions.Region? region, ItemPrice? price)
    {
        var item = setup.Sale.Item(setup.Sku)!;
        if (SaleRules.Status(setup.Sale, State.Control, _clock.GetUtcNow()) != SaleStatus.Live)
        {
            Reject(r => r with { NotLive = r.NotLive + 1 });
            return OrderResult.Refused(OrderOutcome.NotLive);
        }
        if (region is null || price is null || !setup.Sale.Regions.Contains(region.Code))
        {
            return OrderResult.Refused(OrderOutcome.NotSoldInRegion);
        }
        if (request.Request.Quantity > item.PerCustomerLimit)
        {
            return OrderResult.Refused(OrderOutcome.InvalidQuantity, $"At most {item.PerCustomerLimit} per customer.");
        }
        if (State.UnitsByCustomer.GetValueOrDefault(request.CustomerId) + request.Request.Quantity > item.PerCustomerLimit)
        {
            Reject(r => r with { Limit = r.Limit + 1 });
            return OrderResult.Refused(OrderOutcome.LimitExceeded, $"At most {item.PerCustomerLimit} per customer, held and bought together.");
        }
        if (request.Request.PromoCode is not null)
        {
            // Promo codes arrive with the promo-code work: until then no code is known.
            Reject(r => r with { Promo = r.Promo + 1 });
            return OrderResult.Refused(OrderOutcome.PromoRejected, "unknown");
        }
        return null;
    }

    private void Reject(Func<Rejections, Rejections> count) => State.Rejected = count(State.Rejected);

    /// <summary>Tries to bring units from sibling shards until <paramref name="quantity"/> are available here; one refill at a time.</summary>
    private Task<bool> Refill(int quantity)
    {
        if (_siblingsEmptyAt is { } emptyAt && _clock.GetUtcNow() - emptyAt < SoldOutMemory)
        {
            return Task.FromResult(false);
        }
        if (_refill is { } running)
        {
            return running;
        }
        var refill = RefillFromSiblings(quantity);
        _refill = refill;
        // Cleared when done (at once when it finished without waiting), so the next shortage starts a new refill.
        _ = refill.ContinueWith(
            _ =>
            {
                if (_refill == refill)
                {
                    _refill = null;
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Current);
        return refill;
    }

    private async Task<bool> RefillFromSiblings(int quantity)
    {
        var setup = State.Setup!;
        var shards = setup.Sale.Item(setup.Sku)!.Shards;
        for (var step = 1; step < shards && State.Available < quantity; step++)
        {
            var donor = (setup.Index + step) % shards;
            var transferId = $"{this.GetPrimaryKeyString()}#{++State.TransferSequence}";
            State.Incoming[transferId] = donor;
            await _commit.Durable();
            await CompleteTransfer(transferId, donor, quantity - State.Available);
        }
        if (State.Available < quantity)
        {
            _siblingsEmptyAt = _clock.GetUtcNow();
            return false;
        }
        return true;
    }

    private async Task CompleteTransfer(string transferId, int donor, int wanted)
    {
        var setup = State.Setup!;
        var given = await GrainFactory.GetGrain<IStockShardGrain>(SaleRules.ShardKey(setup.Sale.Id, setup.Sku, donor)).Donate(transferId, Math.Max(1, wanted));
        State.Incoming.Remove(transferId);
        State.Allocated += given;
        await _commit.Durable();
    }

    /// <summary>Expires holds past their time (checked on every access, so correctness never waits for a timer).</summary>
    private bool ExpireDue()
    {
        var now = _clock.GetUtcNow();
        var due = State.Holds.Values.Where(h => h.HoldExpiresAt <= now).ToList();
        foreach (var hold in due)
        {
            State.Holds.Remove(hold.OrderId);
            Release(hold);
            Resolve(hold, OrderStatus.Expired);
        }
        return due.Count > 0;
    }

    private void Release(Order hold)
    {
        var left = State.UnitsByCustomer.GetValueOrDefault(hold.CustomerId) - hold.Request.Quantity;
        if (left > 0)
        {
            State.UnitsByCustomer[hold.CustomerId] = left;
        }
        else
        {
            State.UnitsByCustomer.Remove(hold.CustomerId);
        }
        _siblingsEmptyAt = null;
    }

    private Order Resolve(Order hold, OrderStatus status)
    {
        var resolved = hold with { Status = status, ResolvedAt = _clock.GetUtcNow() };
        State.Resolved[resolved.OrderId] = resolved;
        State.Outbox[resolved.OrderId] = resolved;
        return resolved;
    }

    private async Task<OrderResult> Settled(string orderId, OrderResult result)
    {
        // A reply about an order must not run ahead of the write that recorded it.
        if (_notYetDurable.GetValueOrDefault(orderId) is { } durable)
        {
            await durable;
        }
        return result;
    }

    private Task DurableIfChanged(bool changed) => changed ? _commit.Durable() : Task.CompletedTask;

    private async Task WriteAsync(int covered)
    {
        State.Batches++;
        State.BatchedRequests += covered;
        _shard.State = _copier.Copy(State);
        await _shard.WriteStateAsync();
        if (State.Outbox.Count > 0 && !_delivering)
        {
            _ = DeliverOutbox();
        }
    }

    /// <summary>Materialises committed order changes into the shoppers' grains; removed from the outbox once acknowledged.</summary>
    private async Task DeliverOutbox()
    {
        _delivering = true;
        try
        {
            // Let a burst's changes gather: one delivery per shopper covers many writes.
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            var batch = State.Outbox.Values.ToList();
            await Task.WhenAll(batch.GroupBy(o => o.CustomerId).Select(customer =>
                GrainFactory.GetGrain<IShopperGrain>(customer.Key).Apply([.. customer])));
            foreach (var order in batch)
            {
                if (State.Outbox.TryGetValue(order.OrderId, out var current) && current == order)
                {
                    State.Outbox.Remove(order.OrderId);
                }
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning("Order delivery from {Shard} failed, will retry: {Reason}", this.GetPrimaryKeyString(), e.Message);
        }
        finally
        {
            _delivering = false;
        }
    }

    private async Task Housekeeping(CancellationToken cancellationToken)
    {
        if (_commit.Failed || State.Setup is null)
        {
            return;
        }
        var changed = ExpireDue();
        var cutoff = _clock.GetUtcNow() - ResolvedKept;
        foreach (var old in State.Resolved.Values.Where(o => o.ResolvedAt < cutoff && !State.Outbox.ContainsKey(o.OrderId)).ToList())
        {
            State.Resolved.Remove(old.OrderId);
            changed = true;
        }
        if (changed || State.Outbox.Count > 0)
        {
            await _commit.Durable();
        }
    }
}
