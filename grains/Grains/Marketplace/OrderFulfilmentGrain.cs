using FlashSale.Catalog;
using FlashSale.Domain;
using FlashSale.Orders;
using FlashSale.Regions;
using FlashSale.Sales;

namespace FlashSale.Marketplace;

internal sealed class OrderFulfilmentGrain(
    [PersistentState("journey", StorageNames.Main)] IPersistentState<JourneyState> journey,
    IShardJournal orders,
    CatalogCache catalog,
    ShopClock clock) : Grain, IOrderFulfilmentGrain
{
    /// <summary>The paid order, read once from the orders table (a paid order's row no longer changes).</summary>
    private Order? _order;

    private JourneyState State => journey.State;

    public Task<JourneyResult> Get(string? customerId) => Act(customerId, _ => Task.FromResult<JourneyOutcome?>(null));

    public Task<JourneyResult> Ship(string tracking) => Act(null, async _ =>
    {
        if (State.Stage == FulfilmentStage.Shipped && State.Tracking == tracking)
        {
            return null;
        }
        if (State.Stage != FulfilmentStage.Paid)
        {
            return JourneyOutcome.WrongStage;
        }
        (State.Stage, State.Tracking, State.ShippedAt) = (FulfilmentStage.Shipped, tracking, clock.GetUtcNow());
        await journey.WriteStateOrDeactivate(this);
        return null;
    });

    public Task<JourneyResult> Deliver() => Act(null, async _ =>
    {
        if (State.Stage == FulfilmentStage.Delivered)
        {
            return null;
        }
        if (State.Stage != FulfilmentStage.Shipped)
        {
            return JourneyOutcome.WrongStage;
        }
        (State.Stage, State.DeliveredAt) = (FulfilmentStage.Delivered, clock.GetUtcNow());
        await journey.WriteStateOrDeactivate(this);
        return null;
    });

    public Task<JourneyResult> OpenDispute(string customerId, DisputeReason reason, string message) => Act(customerId, async view =>
    {
        if (State.Dispute is { } open)
        {
            return open.Reason == reason && open.Message == message ? null : JourneyOutcome.DisputeExists;
        }
        if (!RefundRules.MayDispute(view.ProtectionEndsAt, clock.GetUtcNow()))
        {
            return JourneyOutcome.WindowClosed;
        }
        if (view.Refundable.Amount <= 0)
        {
            return JourneyOutcome.WrongStage;
        }
        State.Dispute = new Dispute(reason, message, clock.GetUtcNow(), DisputeStatus.Open, null, null);
        await journey.WriteStateOrDeactivate(this);
        await PostToBoard();
        return null;
    });

    public Task<JourneyResult> Refund(string refundId, decimal? amount, string reason) => Act(null, async _ =>
    {
        if (State.Refunds.Find(r => r.RefundId == refundId) is { } done)
        {
            return done.Requested == amount ? null : JourneyOutcome.KeyReused;
        }
        return await RefundNow(refundId, amount, reason);
    });

    public Task<JourneyResult> RejectDispute(string reason) => Act(null, async _ =>
    {
        switch (State.Dispute)
        {
            case { Status: DisputeStatus.Rejected } rejected:
                return rejected.Resolution == reason ? null : JourneyOutcome.NoOpenDispute;
            case { Status: DisputeStatus.Open } open:
                State.Dispute = open with { Status = DisputeStatus.Rejected, Resolution = reason, ResolvedAt = clock.GetUtcNow() };
                await journey.WriteStateOrDeactivate(this);
                await PostToBoard();
                return null;
            default:
                return JourneyOutcome.NoOpenDispute;
        }
    });

    public Task<JourneyResult> Review(string customerId, int rating, string text) => Act(customerId, async _ =>
    {
        if (State.Stage != FulfilmentStage.Delivered)
        {
            return JourneyOutcome.NotDelivered;
        }
        var order = _order!;
        var posted = await GrainFactory.GetGrain<IProductReviewsGrain>(order.Request.Sku)
            .Post(new Review(order.OrderId, customerId, rating, text, clock.GetUtcNow()));
        if (posted != ReviewOutcome.Posted)
        {
            return JourneyOutcome.AlreadyReviewed;
        }
        if (!State.Reviewed)
        {
            State.Reviewed = true;
            await journey.WriteStateOrDeactivate(this);
        }
        return null;
    });

    /// <summary>
    /// Runs <paramref name="change"/> on a paid order (of <paramref name="customerId"/> when given), after the checks every
    /// call makes: a restock left pending is finished, a late order of a region that refunds by itself is refunded.
    /// </summary>
    private async Task<JourneyResult> Act(string? customerId, Func<OrderJourney, Task<JourneyOutcome?>> change)
    {
        var order = _order ?? (SaleRules.IsOrderId(this.GetPrimaryKeyString()) ? await orders.ReadOrderAsync(this.GetPrimaryKeyString()) : null);
        if (order is null || (customerId is not null && order.CustomerId != customerId))
        {
            return JourneyResult.Refused(JourneyOutcome.NotFound);
        }
        if (order.Status != OrderStatus.Confirmed)
        {
            return JourneyResult.Refused(JourneyOutcome.NotPaid);
        }
        _order = order;
        if (State.RestockPending)
        {
            await Restock();
        }
        var view = await View();
        if (RefundRules.IsLateForAutoRefund(view.Region.AutoRefundLate, State.Stage, view.Journey.DeliveryBy, clock.GetUtcNow())
            && view.Journey.Refundable.Amount > 0)
        {
            await RefundNow("auto-late", null, $"Not delivered by {view.Journey.DeliveryBy.Latest:yyyy-MM-dd}: refunded automatically.");
            view = await View();
        }
        var refused = await change(view.Journey);
        var after = await View();
        return refused is { } outcome ? JourneyResult.Refused(outcome, after.Journey) : new JourneyResult(JourneyOutcome.Done, after.Journey);
    }

    private async Task<JourneyOutcome?> RefundNow(string refundId, decimal? requested, string reason)
    {
        var order = _order!;
        var paid = order.Quote.Total;
        var refunded = State.Refunds.Sum(r => r.Amount);
        if (requested is { } asked && !Money.IsExact(asked, paid.Currency))
        {
            return JourneyOutcome.InexactAmount;
        }
        if (RefundRules.Amount(paid.Amount, refunded, requested, paid.Currency) is not { } amount)
        {
            return JourneyOutcome.ExceedsPaid;
        }
        var all = refunded + amount == paid.Amount;
        var sale = await GrainFactory.GetGrain<ISaleGrain>(order.Request.SaleId).GetSnapshot();
        var saleStatus = sale is null ? SaleStatus.Ended : SaleRules.Status(sale.Definition, sale.Control, clock.GetUtcNow());
        var restocks = RefundRules.Restocks(State.Stage, all, saleStatus);
        var now = clock.GetUtcNow();
        State.Refunds.Add(new Refund(refundId, amount, requested, reason, now, restocks));
        if (all && State.Stage == FulfilmentStage.Paid)
        {
            State.Stage = FulfilmentStage.Cancelled;
        }
        if (State.Dispute is { Status: DisputeStatus.Open } open)
        {
            State.Dispute = open with { Status = DisputeStatus.Refunded, Resolution = reason, ResolvedAt = now };
        }
        State.RestockPending = restocks;
        await journey.WriteStateOrDeactivate(this);
        if (State.Dispute is not null)
        {
            await PostToBoard();
        }
        if (restocks)
        {
            await Restock();
        }
        return null;
    }

    /// <summary>Gives the order's units back to the sale through its restock (the stock engine's own path), once per order.</summary>
    private async Task Restock()
    {
        var order = _order!;
        await GrainFactory.GetGrain<ISaleGrain>(order.Request.SaleId).Restock(order.Request.Sku, order.Request.Quantity, $"refund-{order.OrderId}");
        State.RestockPending = false;
        await journey.WriteStateOrDeactivate(this);
    }

    private Task PostToBoard() => GrainFactory.GetGrain<IDisputeBoardGrain>(IDisputeBoardGrain.Key)
        .Post(new DisputeEntry(_order!.OrderId, _order.CustomerId, _order.Request.Sku, _order.Request.Region, State.Dispute!));

    private async Task<(OrderJourney Journey, Region Region)> View()
    {
        var order = _order!;
        var region = await catalog.Region(order.Request.Region)
            ?? new Region(order.Request.Region, order.Request.Region, order.Quote.Total.Currency, 0m, true, 0m, null);
        var shipsFrom = (await catalog.Product(order.Request.Sku))?.ShipsFrom;
        var window = DeliveryPromise.Window(region, shipsFrom, order.ResolvedAt ?? order.CreatedAt);
        var currency = order.Quote.Total.Currency;
        var refunded = Money.Of(State.Refunds.Sum(r => r.Amount), currency);
        return (new OrderJourney(
            order, shipsFrom, window, DeliveryPromise.ProtectionEnds(region, window), State.Stage, State.Tracking, State.Dispute,
            [.. State.Refunds], refunded, order.Quote.Total - refunded, State.Reviewed, Timeline(order)), region);
    }

    private ImmutableArray<TimelineEntry> Timeline(Order order)
    {
        var entries = new List<TimelineEntry> { new("placed", order.CreatedAt, null), new("paid", order.ResolvedAt ?? order.CreatedAt, null) };
        if (State.ShippedAt is { } shipped)
        {
            entries.Add(new("shipped", shipped, State.Tracking));
        }
        if (State.DeliveredAt is { } delivered)
        {
            entries.Add(new("delivered", delivered, null));
        }
        if (State.Dispute is { } dispute)
        {
            entries.Add(new("dispute-opened", dispute.OpenedAt, dispute.Message));
            if (dispute is { Status: DisputeStatus.Rejected, ResolvedAt: { } rejectedAt })
            {
                entries.Add(new("dispute-rejected", rejectedAt, dispute.Resolution));
            }
        }
        foreach (var refund in State.Refunds)
        {
            entries.Add(new("refunded", refund.At, $"{Money.Of(refund.Amount, order.Quote.Total.Currency)}: {refund.Reason}"));
        }
        if (State.Stage == FulfilmentStage.Cancelled)
        {
            entries.Add(new("cancelled", State.Refunds[^1].At, null));
        }
        return [.. entries.OrderBy(e => e.At)];
    }
}
