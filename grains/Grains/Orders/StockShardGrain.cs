using FlashSale.Catalog;
using FlashSale.Domain;
using FlashSale.Placement;
using FlashSale.Pricing;
using FlashSale.Promos;
using FlashSale.Sales;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace FlashSale.Orders;

[Reentrant]
[SpreadByIndexPlacement]
internal sealed class StockShardGrain : Grain, IStockShardGrain
{
    private const int DonationsKept = 1000;
    private static readonly TimeSpan ResolvedKept = TimeSpan.FromHours(24);
    private static readonly TimeSpan SoldOutMemory = TimeSpan.FromSeconds(1);

    private readonly IPersistentState<StockShardState> _shard;
    private readonly DeepCopier _copier;
    private readonly CatalogCache _catalog;
    private readonly TimeProvider _clock;
    private readonly GroupCommit _commit;
    private readonly SingleFlight<bool> _refill = new();
    private DateTimeOffset? _siblingsEmptyAt;

    public StockShardGrain(
        [PersistentState("stock-shard", StorageNames.Main)] IPersistentState<StockShardState> shard,
        CatalogCache catalog,
        ShopClock clock,
        DeepCopier copier)
    {
        _shard = shard;
        _copier = copier;
        _catalog = catalog;
        _clock = clock;
        _commit = new GroupCommit(WriteAsync, this);
    }

    /// <summary>
    /// The state requests work on. Each write stores a copy of it, because the storage provider serialises
    /// after it yields, while other requests (this grain is reentrant) keep changing the working state.
    /// </summary>
    private StockShardState State { get; set; } = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        State = _shard.State;
        // Transfers asked for before a crash are finished by housekeeping (at once) and before any refill, never while
        // activating: two shards activating at once, each asking the other, would wait on each other.
        this.RegisterGrainTimer(Housekeeping, State.Incoming.Count > 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        return Task.CompletedTask;
    }

    public async Task Initialize(ShardSetup setup)
    {
        if (State.Setup is not null)
        {
            await _commit.Covering();
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
            // Told again: answered once the write that recorded it has committed (it may still be in flight).
            await _commit.Covering();
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
        var (promo, discount, promoRefusal) = await EvaluatePromo(setup, request, region, price);
        var reserved = false;

        while (true)
        {
            ExpireDue();
            if (Existing(request) is { } replay)
            {
                return await replay;
            }
            if ((Refusal(setup, request, region, price) ?? promoRefusal) is { } refusal)
            {
                return await Refused(refusal, promo, reserved, request.OrderId, request.CustomerId);
            }
            if (promo is not null && !reserved && State.Available >= request.Request.Quantity)
            {
                // The redemption is held before the units, and given back at once if the units are not.
                var reservation = await (await Redemptions(promo, request.CustomerId))
                    .Reserve(request.OrderId, request.CustomerId, _clock.GetUtcNow().AddMinutes(setup.Sale.HoldMinutes + 1));
                if (reservation != PromoReservation.Reserved)
                {
                    Reject("promo");
                    return OrderResult.Refused(OrderOutcome.PromoRejected, reservation switch
                    {
                        PromoReservation.Exhausted => "exhausted",
                        PromoReservation.CustomerLimit => "customer-limit",
                        _ => "unknown",
                    });
                }
                reserved = true;
                continue;
            }
            if (State.Available >= request.Request.Quantity)
            {
                break;
            }
            if (!await Refill(request.Request.Quantity))
            {
                if (Existing(request) is null && State.Available < request.Request.Quantity)
                {
                    Reject("soldOut");
                    return await Refused(OrderResult.Refused(OrderOutcome.SoldOut), promo, reserved, request.OrderId, request.CustomerId);
                }
            }
        }

        var now = _clock.GetUtcNow();
        var quote = QuoteCalculator.Compute(region!, price!.Price, request.Request.Quantity, discount,
            promo is null ? null : new PromoOutcome(promo, true, null));
        var suffix = SuffixOf(request.OrderId);
        var hold = new HoldRecord(
            request.CustomerId, request.Request.Quantity, region!.Code, promo, request.Request.FingerprintHash,
            now, now.AddMinutes(setup.Sale.HoldMinutes), region.Currency,
            quote.UnitPrice.Amount, quote.Subtotal.Amount, quote.Discount.Amount, quote.Shipping.Amount, quote.Tax.Amount, quote.Total.Amount);
        State.Holds[suffix] = hold;
        State.UnitsByCustomer[hold.CustomerId] = State.UnitsByCustomer.GetValueOrDefault(hold.CustomerId) + hold.Quantity;
        State.Orders++;
        await _commit.Durable();
        FlashSaleMetrics.Holds.Add(1);
        return new OrderResult(OrderOutcome.Held, ToOrder(suffix, hold));
    }

    public async Task<OrderResult> Pay(string orderId, string customerId)
    {
        await DurableIfChanged(ExpireDue());
        if (Owned(orderId, customerId) is null)
        {
            return OrderResult.Refused(OrderOutcome.NotFound);
        }
        var suffix = SuffixOf(orderId);
        if (State.Holds.Remove(suffix, out var hold))
        {
            State.Sold += hold.Quantity;
            var confirmed = Resolve(suffix, hold, OrderStatus.Confirmed);
            await _commit.Durable();
            if (hold.PromoCode is { } code)
            {
                await ConfirmPromo(code, orderId, hold.CustomerId);
            }
            return new OrderResult(OrderOutcome.Confirmed, confirmed);
        }
        return await Settled(State.Resolved.GetValueOrDefault(suffix) switch
        {
            { Status: OrderStatus.Confirmed } done => new OrderResult(OrderOutcome.Confirmed, ToOrder(suffix, done)),
            { Status: OrderStatus.Expired } done => new OrderResult(OrderOutcome.HoldExpired, ToOrder(suffix, done)),
            { Status: OrderStatus.Cancelled } done => new OrderResult(OrderOutcome.AlreadyCancelled, ToOrder(suffix, done)),
            _ => OrderResult.Refused(OrderOutcome.NotFound),
        });
    }

    public async Task<OrderResult> Cancel(string orderId, string customerId)
    {
        await DurableIfChanged(ExpireDue());
        if (Owned(orderId, customerId) is null)
        {
            return OrderResult.Refused(OrderOutcome.NotFound);
        }
        var suffix = SuffixOf(orderId);
        if (State.Holds.Remove(suffix, out var hold))
        {
            Release(hold);
            var cancelled = Resolve(suffix, hold, OrderStatus.Cancelled);
            await _commit.Durable();
            if (hold.PromoCode is { } code)
            {
                await ReleasePromo(code, orderId, hold.CustomerId);
            }
            return new OrderResult(OrderOutcome.Cancelled, cancelled);
        }
        return await Settled(State.Resolved.GetValueOrDefault(suffix) switch
        {
            { Status: OrderStatus.Cancelled } done => new OrderResult(OrderOutcome.Cancelled, ToOrder(suffix, done)),
            { Status: OrderStatus.Expired } done => new OrderResult(OrderOutcome.HoldExpired, ToOrder(suffix, done)),
            { Status: OrderStatus.Confirmed } done => new OrderResult(OrderOutcome.Confirmed, ToOrder(suffix, done)),
            _ => OrderResult.Refused(OrderOutcome.NotFound),
        });
    }

    public async Task<ShardCounts> GetCounts()
    {
        await DurableIfChanged(ExpireDue());
        return new ShardCounts(State.Allocated, State.Sold, State.Held, State.Orders, State.Rejected, State.Batches, State.BatchedRequests);
    }

    public async Task<Order?> GetOrder(string orderId, string customerId)
    {
        await DurableIfChanged(ExpireDue());
        return Owned(orderId, customerId) is { } hold ? await Settled(ToOrder(SuffixOf(orderId), hold)) : null;
    }

    public async Task<ImmutableArray<Order>> GetOrdersOf(string customerId)
    {
        await DurableIfChanged(ExpireDue());
        return await Settled<ImmutableArray<Order>>([.. State.Holds.Concat(State.Resolved).Where(o => o.Value.CustomerId == customerId).Select(o => ToOrder(o.Key, o.Value))]);
    }

    /// <summary>The order when it is this customer's; others' orders are not found, never "forbidden".</summary>
    private HoldRecord? Owned(string orderId, string customerId) =>
        orderId == OrderIdOf(SuffixOf(orderId)) && Find(SuffixOf(orderId)) is { } hold && hold.CustomerId == customerId ? hold : null;

    private HoldRecord? Find(string suffix) => State.Holds.GetValueOrDefault(suffix) ?? State.Resolved.GetValueOrDefault(suffix);

    private static string SuffixOf(string orderId) => orderId[(orderId.LastIndexOf('~') + 1)..];

    private string OrderIdOf(string suffix) => $"{State.Setup!.Sale.Id}~{State.Setup.Sku}~{State.Setup.Index}~{suffix}";

    /// <summary>The order a stored hold stands for, with every field the API shows.</summary>
    private Order ToOrder(string suffix, HoldRecord hold)
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

    public async Task<int> Donate(string transferId, int wanted)
    {
        var earlier = State.Donations.FindIndex(d => d.Key == transferId);
        if (earlier >= 0)
        {
            await _commit.Covering();
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
        if (!State.Restocks.Add(restockId))
        {
            await _commit.Covering();
            return;
        }
        State.Allocated += units;
        _siblingsEmptyAt = null;
        await _commit.Durable();
    }

    private Task<OrderResult>? Existing(HoldRequest request)
    {
        var suffix = SuffixOf(request.OrderId);
        if (Find(suffix) is not { } hold)
        {
            return null;
        }
        if (hold.Fingerprint != request.Request.FingerprintHash || hold.CustomerId != request.CustomerId)
        {
            return Task.FromResult(OrderResult.Refused(OrderOutcome.KeyReused));
        }
        return Settled(new OrderResult(OrderOutcome.Held, ToOrder(suffix, hold)));
    }

    private OrderResult? Refusal(ShardSetup setup, HoldRequest request, Regions.Region? region, ItemPrice? price)
    {
        var item = setup.Sale.Item(setup.Sku)!;
        if (SaleRules.Status(setup.Sale, State.Control, _clock.GetUtcNow()) != SaleStatus.Live)
        {
            Reject("notLive");
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
            Reject("limit");
            return OrderResult.Refused(OrderOutcome.LimitExceeded, $"At most {item.PerCustomerLimit} per customer, held and bought together.");
        }
        return null;
    }

    /// <summary>The code's discount on this purchase, or the refusal it earns (its cap is decided by the code's grain).</summary>
    private async Task<(string? Code, Discount? Discount, OrderResult? Refusal)> EvaluatePromo(
        ShardSetup setup, HoldRequest request, Regions.Region? region, ItemPrice? price)
    {
        if (request.Request.PromoCode is not { } entered || region is null || price is null)
        {
            return (null, null, null);
        }
        var code = PromoRules.Normalize(entered);
        var promo = await _catalog.Promo(code);
        var subtotal = Money.Of(price.Price.Amount * request.Request.Quantity, region.Currency);
        var (discount, reason) = PromoRules.Evaluate(
            promo is null ? null : promo with { Counts = PromoCounts.None }, region.Code, subtotal, setup.Sale.Id, setup.Sku, _clock.GetUtcNow());
        return reason is null ? (code, discount, null) : (code, null, OrderResult.Refused(OrderOutcome.PromoRejected, reason));
    }

    private async Task<OrderResult> Refused(OrderResult refusal, string? promo, bool reserved, string orderId, string customerId)
    {
        if (refusal.Outcome == OrderOutcome.PromoRejected)
        {
            Reject("promo");
        }
        if (reserved)
        {
            await ReleasePromo(promo!, orderId, customerId);
        }
        return refusal;
    }

    private async Task ReleasePromoOnceDurable(string code, string orderId, string customerId)
    {
        try
        {
            await _commit.Durable();
        }
        catch (Exception)
        {
            return;
        }
        await ReleasePromo(code, orderId, customerId);
    }

    /// <summary>The grain that holds this customer's redemptions of a code.</summary>
    private async Task<IRedemptionGrain> Redemptions(string code, string customerId) =>
        await _catalog.Promo(code) is { } promo
            ? IPromoCodeGrain.For(GrainFactory, promo.Definition, customerId)
            : GrainFactory.GetGrain<IPromoCodeGrain>(code);

    private async Task ReleasePromo(string code, string orderId, string customerId)
    {
        try
        {
            await (await Redemptions(code, customerId)).Release(orderId);
        }
        catch (Exception)
        {
            // The code's grain asks this shard about the order when its hold runs out, and releases it then.
        }
    }

    private async Task ConfirmPromo(string code, string orderId, string customerId)
    {
        try
        {
            await (await Redemptions(code, customerId)).Confirm(orderId);
        }
        catch (Exception)
        {
            // Likewise: the code's grain finds the order confirmed when it asks.
        }
    }

    /// <summary>Counts a refusal by its reason (the stats' names), in the shard's numbers and in the metrics.</summary>
    private void Reject(string reason)
    {
        var r = State.Rejected;
        State.Rejected = reason switch
        {
            "soldOut" => r with { SoldOut = r.SoldOut + 1 },
            "limit" => r with { Limit = r.Limit + 1 },
            "promo" => r with { Promo = r.Promo + 1 },
            _ => r with { NotLive = r.NotLive + 1 },
        };
        FlashSaleMetrics.Rejected(reason);
    }

    /// <summary>Tries to bring units from sibling shards until <paramref name="quantity"/> are available here; one refill at a time.</summary>
    private Task<bool> Refill(int quantity)
    {
        if (_siblingsEmptyAt is { } emptyAt && _clock.GetUtcNow() - emptyAt < SoldOutMemory)
        {
            return Task.FromResult(false);
        }
        return _refill.Run(() => RefillFromSiblings(quantity));
    }

    private async Task<bool> RefillFromSiblings(int quantity)
    {
        await CompleteIncomingTransfers();
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

    /// <summary>Transfers asked for before a crash or a failed write: the donor remembers its answer, so asking again is safe.</summary>
    private async Task CompleteIncomingTransfers()
    {
        foreach (var (transferId, donor) in State.Incoming.ToList())
        {
            await CompleteTransfer(transferId, donor, 0);
        }
    }

    private async Task CompleteTransfer(string transferId, int donor, int wanted)
    {
        var setup = State.Setup!;
        var given = await GrainFactory.GetGrain<IStockShardGrain>(SaleRules.ShardKey(setup.Sale.Id, setup.Sku, donor)).Donate(transferId, Math.Max(1, wanted));
        // Counted once, however many completions of the same transfer ran side by side.
        if (State.Incoming.Remove(transferId))
        {
            State.Allocated += given;
            _siblingsEmptyAt = null;
        }
        await _commit.Durable();
    }

    /// <summary>Expires holds past their time (checked on every access, so correctness never waits for a timer).</summary>
    private bool ExpireDue()
    {
        var now = _clock.GetUtcNow();
        var due = State.Holds.Where(h => h.Value.HoldExpiresAt <= now).ToList();
        foreach (var (suffix, hold) in due)
        {
            State.Holds.Remove(suffix);
            Release(hold);
            Resolve(suffix, hold, OrderStatus.Expired);
            FlashSaleMetrics.Expiries.Add(1);
            if (hold.PromoCode is { } code)
            {
                _ = ReleasePromoOnceDurable(code, OrderIdOf(suffix), hold.CustomerId);
            }
        }
        return due.Count > 0;
    }

    private void Release(HoldRecord hold)
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
        _siblingsEmptyAt = null;
    }

    private Order Resolve(string suffix, HoldRecord hold, OrderStatus status)
    {
        var resolved = hold with { Status = status, ResolvedAt = _clock.GetUtcNow() };
        State.Resolved[suffix] = resolved;
        return ToOrder(suffix, resolved);
    }

    /// <summary>
    /// A reply about state an earlier request changed waits for the write that covers that change, and fails with
    /// it: a repeated pay must not say "confirmed" while the first pay's write may still fail.
    /// </summary>
    private async Task<T> Settled<T>(T result)
    {
        await _commit.Covering();
        return result;
    }

    private Task DurableIfChanged(bool changed) => changed ? _commit.Durable() : Task.CompletedTask;

    private async Task WriteAsync(int covered)
    {
        State.Batches++;
        State.BatchedRequests += covered;
        FlashSaleMetrics.BatchSize.Record(covered);
        _shard.State = _copier.Copy(State);
        await _shard.WriteStateAsync();
    }

    private async Task Housekeeping(CancellationToken cancellationToken)
    {
        if (_commit.Failed || State.Setup is null)
        {
            return;
        }
        await CompleteIncomingTransfers();
        var changed = ExpireDue();
        var cutoff = _clock.GetUtcNow() - ResolvedKept;
        // Confirmed orders stay (bounded by the stock); cancelled and expired ones are kept a day for retries and lookups.
        foreach (var (suffix, _) in State.Resolved.Where(o => o.Value.Status != OrderStatus.Confirmed && o.Value.ResolvedAt < cutoff).ToList())
        {
            State.Resolved.Remove(suffix);
            changed = true;
        }
        if (changed)
        {
            await _commit.Durable();
        }
    }
}
