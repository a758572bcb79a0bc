using System.Globalization;

namespace FlashSale.Sales;

/// <summary>What a marketer may change in a sale, and when: the promises shoppers were given stay kept.</summary>
public static class SaleEdits
{
    /// <summary>Stock is fixed from a minute before the start: shards must have the new units before the first hold.</summary>
    public static readonly TimeSpan StockFixedBeforeStart = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The first change of <paramref name="amended"/> that <paramref name="current"/> cannot take now, as (field, reason);
    /// null: all fine. An item's stock is what the marketer sees, restocks included (<paramref name="stock"/>).
    /// </summary>
    public static (string Field, string Reason)? Refusal(
        SaleDefinition current, SaleControl control, IReadOnlyDictionary<string, int> stock, SaleDefinition amended, DateTimeOffset now)
    {
        var status = SaleRules.Status(current, control, now);
        if (status == SaleStatus.Ended)
        {
            return ("id", "The sale has ended: nothing of it can change.");
        }
        var started = status != SaleStatus.Upcoming;
        var stockFixed = started || current.StartsAt - now < StockFixedBeforeStart;
        const string Live = "The sale has started: only its name and the items' per-customer limits can change.";
        if (started)
        {
            if (amended.StartsAt != current.StartsAt)
            {
                return ("startsAt", Live);
            }
            if (amended.EndsAt != current.EndsAt)
            {
                return ("endsAt", Live + " End it early with POST .../end.");
            }
            if (!amended.Regions.SequenceEqual(current.Regions))
            {
                return ("regions", Live);
            }
            if (amended.HoldMinutes != current.HoldMinutes)
            {
                return ("holdMinutes", Live);
            }
            if (!amended.Items.Select(i => i.Sku).SequenceEqual(current.Items.Select(i => i.Sku)))
            {
                return ("items", "The sale has started: items cannot be added or removed.");
            }
        }
        for (var n = 0; n < amended.Items.Length; n++)
        {
            var item = amended.Items[n];
            if (current.Item(item.Sku) is not { } before)
            {
                continue;
            }
            var total = stock.GetValueOrDefault(item.Sku, before.Stock);
            var restocked = total - before.Stock;
            if (!stockFixed && item.Stock <= restocked)
            {
                return ($"items[{n}].stock", $"At least {restocked + 1}: restocks added {restocked} units.");
            }
            if (stockFixed && item.Stock != total)
            {
                return ($"items[{n}].stock", started
                    ? "The sale has started: add units with a restock (POST .../items/{sku}/restock)."
                    : $"The sale starts in less than {StockFixedBeforeStart.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minute: add units with a restock.");
            }
            if (started && !SamePrices(item.SalePrices, before.SalePrices))
            {
                return ($"items[{n}].salePrices", "The sale has started: shoppers were shown these prices.");
            }
        }
        return null;
    }

    /// <summary>
    /// The definition the sale keeps: the marketer's, with the sale's id, waiting room and each existing item's shard
    /// count (fixed at creation), one revision on.
    /// </summary>
    /// <remarks>An item's stock in a definition is its initial units: the marketer's total less what restocks added.</remarks>
    public static SaleDefinition Amended(SaleDefinition current, IReadOnlyDictionary<string, int> stock, SaleDefinition amended) => amended with
    {
        Id = current.Id,
        WaitingRoom = current.WaitingRoom,
        Revision = current.Revision + 1,
        Items = [.. amended.Items.Select(item => current.Item(item.Sku) is { } before
            ? item with { Shards = before.Shards, Stock = item.Stock - (stock.GetValueOrDefault(item.Sku, before.Stock) - before.Stock) }
            : item)],
    };

    /// <summary>The edit in words, so a retry with the same Idempotency-Key is told from another edit under it.</summary>
    public static string Fingerprint(SaleDefinition amended) =>
        string.Join('|', [
            "amend", amended.Name, amended.StartsAt.ToString("O", CultureInfo.InvariantCulture), amended.EndsAt.ToString("O", CultureInfo.InvariantCulture),
            string.Join(',', amended.Regions), amended.HoldMinutes.ToString(CultureInfo.InvariantCulture),
            .. amended.Items.Select(i => $"{i.Sku}:{i.Stock}:{i.PerCustomerLimit}:{string.Join(',', i.SalePrices.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}"))}"),
        ]);

    private static bool SamePrices(IReadOnlyDictionary<string, decimal> a, IReadOnlyDictionary<string, decimal> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);
}
