using FlashSale.Catalog;
using FlashSale.Domain;
using FlashSale.Placement;
using FlashSale.Pricing;
using FlashSale.Products;
using FlashSale.Promos;
using FlashSale.Regions;
using FlashSale.Sales;
using FlashSale.Transfers;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace FlashSale.Orders;

/// <summary>
/// A share of one sale item's stock: routes calls to its <see cref="StockLedger"/> and owns the commit. Each group
/// commit appends the batch's events to the shard's journal and writes the orders it touched in the same transaction,
/// so a write costs what changed; a snapshot every few hundred commits (<see cref="ShardJournalOptions"/>) keeps recovery short.
/// </summary>
[Reentrant]
[SpreadByIndexPlacement]
internal sealed class StockShardGrain : Grain, IStockShardGrain
{
    private const int VoidedKept = 1000;
    private static readonly TimeSpan SoldOutMemory = TimeSpan.FromSeconds(1);

    private readonly IShardJournal _journal;
    private readonly JournalLog<StockLedgerState, ShardEvent> _log;
    private readonly CatalogCache _catalog;
    private readonly TimeProvider _clock;
    private readonly GroupCommit _commit;

    /// <summary>Holds taken back because their Idempotency-Key had placed another order (their callers are told so).</summary>
    private readonly HashSet<string> _voided = new(StringComparer.Ordinal);

    /// <summary>References to the allowance shares of shared promo codes, by code and share.</summary>
    private readonly Dictionary<(string Code, int Share), IRedemptionGrain> _redemptions = [];

    private readonly ReservationBatches _reservations = new();

    /// <summary>The last price worked out per region, with the product and region it came from (both immutable copies).</summary>
    private readonly Dictionary<string, (Product Product, Region Region, ItemPrice? Price)> _prices = new(StringComparer.Ordinal);

    /// <summary>The last quote without a code per region: most holds of a flash sale ask the same thing.</summary>
    private readonly Dictionary<string, (Region Region, ItemPrice Price, int Quantity, Quote Quote)> _quotes = new(StringComparer.Ordinal);

    private StockLedger _ledger = null!;
    private SiblingTransfers _transfers = null!;

    public StockShardGrain(IShardJournal journal, ShardJournalOptions options, Serializer serializer, CatalogCache catalog, ShopClock clock)
    {
        _journal = journal;
        _log = new JournalLog<StockLedgerState, ShardEvent>(journal, serializer, options, this.GetPrimaryKeyString());
        _catalog = catalog;
        _clock = clock;
        _commit = new GroupCommit(WriteAsync, this);
    }

    private string Key => this.GetPrimaryKeyString();

    /// <summary>
    /// <see cref="PriceBook.For"/>, worked out again only when the silo's copy of the product or region changed: the prior
    /// price rule reads the whole price history, which every hold would otherwise pay for.
    /// </summary>
    private ItemPrice? PriceIn(Product product, Region region, string saleId)
    {
        if (_prices.TryGetValue(region.Code, out var known) && ReferenceEquals(known.Product, product) && ReferenceEquals(known.Region, region))
        {
            return known.Price;
        }
        var price = PriceBook.For(product, region.Code, region.Currency, saleId);
        _prices[region.Code] = (product, region, price);
        return price;
    }

    private Quote QuoteWithoutCode(Region region, ItemPrice price, int quantity)
    {
        if (_quotes.TryGetValue(region.Code, out var known) && ReferenceEquals(known.Region, region) && ReferenceEquals(known.Price, price) && known.Quantity == quantity)
        {
            return known.Quote;
        }
        var quote = QuoteCalculator.Compute(region, price.Price, quantity, null, null);
        _quotes[region.Code] = (region, price, quantity, quote);
        return quote;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ledger = new StockLedger(await _log.LoadAsync());
        _log.Replay(_ledger.Apply);
        _transfers = new SiblingTransfers(Key, _ledger, _commit, Donate, _clock, SoldOutMemory);
        // Transfers asked for before a crash are finished by housekeeping (at once) and before any refill, never while
        // activating: two shards activating at once, each asking the other, would wait on each other.
        this.RegisterGrainTimer(Housekeeping, _ledger.State.Incoming.Count > 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
    }

    public async Task Initialize(ShardSetup setup)
    {
        if (!_ledger.SetUp(setup))
        {
            await _commit.Covering();
            return;
        }
        await _commit.Durable();
    }

    public async Task Control(SaleControl control)
    {
        // Told again: answered once the write that recorded it has committed (it may still be in flight).
        await (_ledger.ChangeControl(control) ? _commit.Durable() : _commit.Covering());
    }

    public async Task AddUnits(string restockId, int units)
    {
        if (!_ledger.Restock(restockId, units))
        {
            await _commit.Covering();
            return;
        }
        _transfers.Replenished();
        await _commit.Durable();
    }

    public async Task<OrderResult> Hold(HoldRequest request)
    {
        if (_ledger.Setup is not { } setup)
        {
            return OrderResult.Refused(OrderOutcome.UnknownSale);
        }
        // Prices first (the only await before the decision): from this silo's memory, never storage.
        var region = await _catalog.Region(request.Request.Region);
        var product = await _catalog.Product(setup.Sku);
        var price = region is null || product is null ? null : PriceIn(product, region, setup.Sale.Id);
        var (promo, discount, promoRefusal) = await EvaluatePromo(setup, request, region, price);
        var reserved = false;
        var quantity = request.Request.Quantity;
        var fingerprint = request.Request.FingerprintHash;
        var suffix = SuffixOf(request.OrderId);

        var expired = false;
        while (true)
        {
            expired |= ExpireDue();
            if (await Existing(request, suffix, fingerprint) is { } replay)
            {
                return replay;
            }
            if ((Refusal(setup, request, region, price) ?? promoRefusal) is { } refusal)
            {
                return await Refused(refusal, promo, reserved, request.OrderId, request.CustomerId, expired);
            }
            if (promo is not null && !reserved && _ledger.Available >= quantity)
            {
                // The redemption is held before the units, and given back at once if the units are not.
                var reservation = await _reservations.Reserve(await Redemptions(promo, request.CustomerId),
                    new RedemptionRequest(request.OrderId, request.CustomerId, _clock.GetUtcNow().AddMinutes(setup.Sale.HoldMinutes + 1)));
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
            if (_ledger.Available >= quantity)
            {
                break;
            }
            if (!await Refill(quantity) && _ledger.Available < quantity && _ledger.Live(suffix) is null)
            {
                Reject("soldOut");
                return await Refused(OrderResult.Refused(OrderOutcome.SoldOut), promo, reserved, request.OrderId, request.CustomerId, expired);
            }
        }

        var now = _clock.GetUtcNow();
        var quote = promo is null ? QuoteWithoutCode(region!, price!, quantity) : QuoteCalculator.Compute(region!, price!.Price, quantity, discount, new PromoOutcome(promo, true, null));
        var order = _ledger.PlaceHold(suffix, new HoldRecord(
            request.CustomerId, quantity, region!.Code, promo, fingerprint,
            now, now.AddMinutes(setup.Sale.HoldMinutes), region.Currency,
            quote.UnitPrice.Amount, quote.Subtotal.Amount, quote.Discount.Amount, quote.Shipping.Amount, quote.Tax.Amount, quote.Total.Amount));
        await _commit.Durable();
        if (_voided.Contains(suffix))
        {
            return OrderResult.Refused(OrderOutcome.KeyReused);
        }
        FlashSaleMetrics.Holds.Add(1);
        return new OrderResult(OrderOutcome.Held, order);
    }

    public async Task<OrderResult> Pay(string orderId, string customerId)
    {
        await FlushExpiries();
        if (!IsOurs(orderId))
        {
            return OrderResult.Refused(OrderOutcome.NotFound);
        }
        var suffix = SuffixOf(orderId);
        if (_ledger.Live(suffix) is { } hold && hold.CustomerId == customerId)
        {
            var confirmed = _ledger.Resolve(suffix, OrderStatus.Confirmed, _clock.GetUtcNow())!;
            await _commit.Durable();
            if (hold.PromoCode is { } code)
            {
                await ConfirmPromo(code, orderId, customerId);
            }
            return new OrderResult(OrderOutcome.Confirmed, confirmed);
        }
        var done = await Settled(orderId, customerId);
        return done?.Status switch
        {
            OrderStatus.Confirmed => new OrderResult(OrderOutcome.Confirmed, done),
            OrderStatus.Expired => new OrderResult(OrderOutcome.HoldExpired, done),
            OrderStatus.Cancelled => new OrderResult(OrderOutcome.AlreadyCancelled, done),
            _ => OrderResult.Refused(OrderOutcome.NotFound),
        };
    }

    public async Task<OrderResult> Cancel(string orderId, string customerId)
    {
        await FlushExpiries();
        if (!IsOurs(orderId))
        {
            return OrderResult.Refused(OrderOutcome.NotFound);
        }
        var suffix = SuffixOf(orderId);
        if (_ledger.Live(suffix) is { } hold && hold.CustomerId == customerId)
        {
            var cancelled = _ledger.Resolve(suffix, OrderStatus.Cancelled, _clock.GetUtcNow())!;
            _transfers.Replenished();
            await _commit.Durable();
            if (hold.PromoCode is { } code)
            {
                await ReleasePromo(code, orderId, customerId);
            }
            return new OrderResult(OrderOutcome.Cancelled, cancelled);
        }
        var done = await Settled(orderId, customerId);
        return done?.Status switch
        {
            OrderStatus.Cancelled => new OrderResult(OrderOutcome.Cancelled, done),
            OrderStatus.Expired => new OrderResult(OrderOutcome.HoldExpired, done),
            OrderStatus.Confirmed => new OrderResult(OrderOutcome.Confirmed, done),
            _ => OrderResult.Refused(OrderOutcome.NotFound),
        };
    }

    public async Task<ShardCounts> GetCounts()
    {
        await FlushExpiries();
        var s = _ledger.State;
        return new ShardCounts(s.Allocated, s.Sold, s.Held, s.Orders, s.Rejected, s.Batches, s.BatchedRequests, s.Incoming.ToImmutableDictionary(StringComparer.Ordinal), s.Outcomes);
    }

    public async Task<Order?> GetOrder(string orderId, string customerId)
    {
        await FlushExpiries();
        return IsOurs(orderId) ? await Settled(orderId, customerId) : null;
    }

    public async Task<int?> Donated(string transferId)
    {
        await _commit.Covering();
        return _ledger.State.Donations.TryGetValue(transferId, out var given) ? given : null;
    }

    public Task<int> Donate(string transferId, int wanted) => _transfers.Give(transferId, wanted, () => ExpireDue());

    /// <summary>Asks sibling shard <paramref name="donor"/> for units (<see cref="SiblingTransfers"/>).</summary>
    private Task<int> Donate(int donor, string transferId, int wanted)
    {
        var setup = _ledger.Setup!;
        return GrainFactory.GetGrain<IStockShardGrain>(SaleRules.ShardKey(setup.Sale.Id, setup.Sku, donor)).Donate(transferId, wanted);
    }

    /// <summary>A repeat of an order this shard already has: the same answer (once durable), or a refusal for a reused key.</summary>
    private async ValueTask<OrderResult?> Existing(HoldRequest request, string suffix, long fingerprint)
    {
        if (await Recorded(request.OrderId, suffix) is not { } recorded)
        {
            return null;
        }
        var (order, recordedFingerprint) = recorded;
        return recordedFingerprint != fingerprint || order.CustomerId != request.CustomerId || _voided.Contains(suffix)
            ? OrderResult.Refused(OrderOutcome.KeyReused)
            : new OrderResult(OrderOutcome.Held, order);
    }

    /// <summary>The customer's order as durably recorded; another customer's is not found.</summary>
    private async Task<Order?> Settled(string orderId, string customerId) =>
        await Recorded(orderId) is { Order: var order } && order.CustomerId == customerId ? order : null;

    /// <summary>
    /// An order this shard placed, with its request's fingerprint, answered once the write that recorded its state has
    /// committed (asked for here when nothing asked for it yet): from memory (live, or resolved lately), else from the orders table. An order id it never placed costs
    /// nothing (no wait, no read), so a new hold is not held up by the write in flight.
    /// </summary>
    private ValueTask<(Order Order, long Fingerprint)?> Recorded(string orderId) => Recorded(orderId, SuffixOf(orderId));

    private async ValueTask<(Order Order, long Fingerprint)?> Recorded(string orderId, string suffix)
    {
        var hold = _ledger.Live(suffix) ?? _ledger.Recent(suffix);
        if (hold is null && !_ledger.IsKnown(suffix))
        {
            return null;
        }
        // Changes no write was asked for yet (a hold's expiry that ExpireDue made on this call) are written first: a
        // repeat told "expired" must not find the hold reserved again after a failed write and a reload.
        await (_ledger.PendingEvents > 0 ? _commit.Durable() : _commit.Covering());
        if (hold is not null)
        {
            return (_ledger.OrderOf(suffix, hold), hold.Fingerprint);
        }
        // Resolved long ago: the orders table has it.
        return await _journal.ReadOrderAsync(orderId) is { } stored ? (stored, stored.Request.FingerprintHash) : null;
    }

    private bool IsOurs(string orderId) => _ledger.Setup is not null && orderId == _ledger.OrderIdOf(SuffixOf(orderId));

    private static string SuffixOf(string orderId) => orderId[(orderId.LastIndexOf('~') + 1)..];

    private OrderResult? Refusal(ShardSetup setup, HoldRequest request, Regions.Region? region, ItemPrice? price)
    {
        var item = setup.Sale.Item(setup.Sku)!;
        if (SaleRules.Status(setup.Sale, _ledger.State.Control, _clock.GetUtcNow()) != SaleStatus.Live)
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
        if (_ledger.UnitsOf(request.CustomerId) + request.Request.Quantity > item.PerCustomerLimit)
        {
            Reject("limit");
            return OrderResult.Refused(OrderOutcome.LimitExceeded, $"At most {item.PerCustomerLimit} per customer, held and bought together.");
        }
        return null;
    }

    /// <summary>The code's discount on this purchase, or the refusal it earns (its cap is decided by the code's grain).</summary>
    private async ValueTask<(string? Code, Discount? Discount, OrderResult? Refusal)> EvaluatePromo(
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

    /// <param name="expired">Whether this call expired holds: those changes are written before the refusal is answered, as
    /// every other call does (a refusal does not depend on them, so it stands when that write fails).</param>
    private async Task<OrderResult> Refused(OrderResult refusal, string? promo, bool reserved, string orderId, string customerId, bool expired = false)
    {
        if (refusal.Outcome == OrderOutcome.PromoRejected)
        {
            Reject("promo");
        }
        if (expired)
        {
            try
            {
                await _commit.Durable();
            }
            catch (Exception)
            {
                // The activation is dropped and reloads; the holds expire again then.
            }
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
    private async Task<IRedemptionGrain> Redemptions(string code, string customerId)
    {
        if (await _catalog.Promo(code) is not { } promo || IPromoCodeGrain.ShareOf(promo.Definition, customerId) is not { } share)
        {
            return GrainFactory.GetGrain<IPromoCodeGrain>(code);
        }
        // A shared code's shares are kept (making a reference resolves the interface by reflection each time); codes of
        // one grain each, single-use batches among them, are not, so this holds only the few codes many shoppers type.
        if (!_redemptions.TryGetValue((code, share), out var grain))
        {
            _redemptions[(code, share)] = grain = IPromoCodeGrain.Share(GrainFactory, code, share);
        }
        return grain;
    }

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
        _ledger.Reject(reason);
        FlashSaleMetrics.Rejected(reason);
    }

    /// <summary>Tries to bring units from sibling shards until <paramref name="quantity"/> are available here; one refill at a time.</summary>
    private Task<bool> Refill(int quantity)
    {
        var setup = _ledger.Setup!;
        return _transfers.Refill(setup.Index, setup.Sale.Item(setup.Sku)!.Shards, () => quantity - _ledger.Available);
    }

    /// <summary>Expires holds past their time (checked on every access, so correctness never waits for a timer).</summary>
    private bool ExpireDue()
    {
        var expired = _ledger.ExpireDue(_clock.GetUtcNow());
        foreach (var order in expired)
        {
            FlashSaleMetrics.Expiries.Add(1);
            if (order.Request.PromoCode is { } code)
            {
                _ = ReleasePromoOnceDurable(code, order.OrderId, order.CustomerId);
            }
        }
        if (expired.Count > 0)
        {
            _transfers.Replenished();
        }
        return expired.Count > 0;
    }

    private Task FlushExpiries() => ExpireDue() ? _commit.Durable() : Task.CompletedTask;

    private Task WriteAsync(int covered) => ShardCommit.WriteAsync(_ledger, _log, covered, Voided, FlashSaleMetrics.BatchSize.Record);

    private void Voided(string suffix)
    {
        if (_voided.Count >= VoidedKept)
        {
            _voided.Clear();
        }
        _voided.Add(suffix);
    }

    private async Task Housekeeping(CancellationToken cancellationToken)
    {
        if (_commit.Failed || cancellationToken.IsCancellationRequested || _ledger.Setup is null)
        {
            // A failed commit reloads on the next call; a grain deactivating (e.g. its silo stopping) leaves open
            // transfers to its next activation rather than calling its siblings while they deactivate too.
            return;
        }
        await _transfers.CompleteIncoming();
        ExpireDue();
        if (_ledger.PendingEvents > 0)
        {
            await _commit.Durable();
        }
    }
}
