using FlashSale.Marketplace;
using FlashSale.Pricing;
using FlashSale.Sales;

namespace FlashSale.Client.Features.Fulfilment;

/// <summary>What every marketplace handler works with, bound once per request (<c>[AsParameters]</c>): the grains and the shop's time.</summary>
public readonly record struct OrderJourneys(IGrainFactory Grains, ShopClock Clock)
{
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>
    /// A call on an order's journey. An id that names no item of a sale that exists (checked in the silo's catalog cache,
    /// as the order router does) wakes no grain and reads no storage.
    /// </summary>
    public async Task<JourneyResult> Call(string orderId, Func<IOrderFulfilmentGrain, Task<JourneyResult>> call) =>
        SaleRules.IsOrderId(orderId) && SaleRules.ShardOf(orderId) is { } named
            && await Grains.Pricing().GetSale(named.SaleId) is { } sale && sale.Definition.Item(named.Sku) is not null
            ? await call(Grains.GetGrain<IOrderFulfilmentGrain>(orderId))
            : JourneyResult.Refused(JourneyOutcome.NotFound);

    /// <summary>The call's answer: the journey as it is now, or the problem its outcome names.</summary>
    public async Task<Results<Ok<JourneyView>, ProblemHttpResult>> Answer(string orderId, Func<IOrderFulfilmentGrain, Task<JourneyResult>> call) =>
        JourneyProblems.Answer(orderId, await Call(orderId, call), Now);
}
