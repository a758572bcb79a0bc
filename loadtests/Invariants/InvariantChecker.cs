using FlashSale.LoadTests.Scenarios;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Invariants;

/// <summary>
/// After the load: the promises, checked through the platform's own stats and order pages. No oversell, units allocated
/// to the shards + in transfer == stock, redemptions within caps, every acknowledged order there as acknowledged, and the
/// books equal to what shoppers were told when every answer was definite.
/// </summary>
public static class InvariantChecker
{
    public static async Task<List<InvariantResult>> CheckAsync(RunContext run, Action<string> progress)
    {
        var results = new List<InvariantResult>();
        var stats = await SettledStatsAsync(run);
        var items = stats.SelectMany(s => s).ToList();

        // Not "sold + held + available == stock": available is stock - sold - held, so that cannot fail. This can: a unit
        // lost or doubled in a transfer or restock.
        var misplaced = items.Where(i => i.Allocated is { } allocated && allocated + (i.InTransfer ?? 0) != i.Stock).ToList();
        results.Add(new("units allocated to shards + in transfer == stock", misplaced.Count == 0, misplaced.Count == 0
            ? $"{items.Sum(i => i.Allocated ?? 0):N0} allocated + {items.Sum(i => i.InTransfer ?? 0):N0} in transfer over {items.Count:N0} items"
            : string.Join("; ", misplaced.Take(5).Select(i => $"{i.Sku}: {i.Allocated} allocated + {i.InTransfer} in transfer, stock {i.Stock}"))));
        var oversold = items.Where(i => i.Sold + i.Held > i.Stock || i.Available < 0).ToList();
        results.Add(new("no oversell (sold + held <= stock)", oversold.Count == 0, oversold.Count == 0
            ? $"{items.Count(i => i.Available == 0):N0} of {items.Count:N0} items sold out, none below zero" : Describe(oversold)));

        foreach (var promo in run.Promos)
        {
            var counts = await run.Target.GetPromoAsync(promo.Code);
            var live = run.Ledger.Orders.Count(o => o.Line.PromoCode == promo.Code && o.Live);
            // With every answer definite, the code's redemptions are exactly the acknowledged orders that use it (an unknown
            // answer may have placed an order nobody was told of: then only the bound).
            var holds = counts is not null && counts.Redeemed + counts.Held <= (counts.MaxRedemptions ?? int.MaxValue)
                && (run.Ledger.Definite ? live == counts.Redeemed + counts.Held : live <= counts.Redeemed + counts.Held);
            results.Add(new($"code {promo.Code}: redeemed + held <= cap, {(run.Ledger.Definite ? "==" : ">=")} acknowledged", holds, counts is null ? "the code is missing"
                : $"{counts.Redeemed:N0} redeemed + {counts.Held:N0} held of {counts.MaxRedemptions:N0}; {live:N0} acknowledged orders use it"));
        }

        var missing = new ConcurrentBag<string>();
        var disagreeing = new ConcurrentBag<string>();
        var checkedCount = 0;
        var orders = run.Ledger.Orders.ToList();
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (order, _) =>
        {
            var status = await run.Target.GetOrderStatusAsync(order.Shopper, order.OrderId);
            if (status is null)
            {
                missing.Add(order.OrderId);
            }
            else if (!order.Agrees(status))
            {
                disagreeing.Add($"{order.OrderId} is {status}, acknowledged {order.State}");
            }
            if (Interlocked.Increment(ref checkedCount) % 5_000 == 0)
            {
                progress($"acknowledged orders checked: {checkedCount:N0}/{orders.Count:N0}");
            }
        });
        results.Add(new("every acknowledged order present", missing.IsEmpty, missing.IsEmpty
            ? $"{orders.Count:N0} of {orders.Count:N0} found" : $"{missing.Count:N0} of {orders.Count:N0} missing, e.g. {string.Join(", ", missing.Take(3))}"));
        results.Add(new("acknowledged orders in their acknowledged state", disagreeing.IsEmpty, disagreeing.IsEmpty
            ? $"{orders.Count(o => o.State == OrderState.Confirmed):N0} paid, {orders.Count(o => o.State == OrderState.Cancelled):N0} cancelled, {orders.Count(o => o.State == OrderState.Reserved):N0} held"
            : $"{disagreeing.Count:N0}: {string.Join("; ", disagreeing.Take(3))}"));

        // Exact when every answer was definite (paid == sold, acknowledged held == held); with unknown answers an order nobody
        // was told of may exist, so only the bound.
        var exact = run.Ledger.Definite;
        var uncounted = items.Select(i => (Item: i, Paid: Units(orders, i, o => o.State == OrderState.Confirmed), Live: Units(orders, i, o => o.Live)))
            .Where(x => exact
                ? x.Paid != x.Item.Sold || x.Live != x.Item.Sold + x.Item.Held
                : x.Paid > x.Item.Sold || x.Live > x.Item.Sold + x.Item.Held).ToList();
        results.Add(new(exact ? "acknowledged units are the books (paid == sold, held == held)" : "acknowledged units counted (paid <= sold, held + paid <= sold + held)",
            uncounted.Count == 0, uncounted.Count == 0
            ? $"{orders.Count(o => o.Live):N0} live acknowledged orders all counted"
            : string.Join("; ", uncounted.Take(3).Select(x => $"{x.Item.Sku}: {x.Paid} paid/{x.Item.Sold} sold, {x.Live} live/{x.Item.Sold + x.Item.Held} sold+held"))));
        return results;
    }

    private static int Units(List<AcknowledgedOrder> orders, ItemStats item, Func<AcknowledgedOrder, bool> which) =>
        orders.Where(o => o.Line.SaleId == item.SaleId && o.Line.Sku == item.Sku && which(o)).Sum(o => o.Line.Quantity);

    /// <summary>
    /// The stats as they settle: a sale's counts are recounted a few times a second, so read until two reads
    /// a moment apart agree (at most a few seconds).
    /// </summary>
    private static async Task<List<IReadOnlyList<ItemStats>>> SettledStatsAsync(RunContext run)
    {
        async Task<List<IReadOnlyList<ItemStats>>> Read() => [.. await Task.WhenAll(run.Sales.Select(s => run.Target.GetStatsAsync(s.Id)))];
        var previous = await Read();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await Task.Delay(300);
            var next = await Read();
            if (next.SelectMany(s => s).SequenceEqual(previous.SelectMany(s => s)))
            {
                return next;
            }
            previous = next;
        }
        return previous;
    }

    private static string Describe(List<ItemStats> items) =>
        string.Join("; ", items.Take(5).Select(i => $"{i.Sku}: stock {i.Stock}, sold {i.Sold}, held {i.Held}, available {i.Available}"));
}
