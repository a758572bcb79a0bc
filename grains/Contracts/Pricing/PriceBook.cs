using FlashSale.Domain;
using FlashSale.Products;

namespace FlashSale.Pricing;

/// <summary>Price selection and the prior-price (EU Omnibus) rule, over a product's price book.</summary>
public static class PriceBook
{
    /// <summary>How far back the prior price looks.</summary>
    public static readonly TimeSpan PriorPriceWindow = TimeSpan.FromDays(30);

    /// <summary>History older than this is pruned (the last point before it is kept: it is the price in force then).</summary>
    public static readonly TimeSpan HistoryKept = TimeSpan.FromDays(60);

    /// <summary>
    /// The price of <paramref name="product"/> in a region: the sale price of <paramref name="saleId"/> when
    /// given, otherwise the list price. Null when the product has no list price there (or the sale none).
    /// </summary>
    public static ItemPrice? For(Product product, string region, string currency, string? saleId)
    {
        if (!product.ListPrices.TryGetValue(region, out var list))
        {
            return null;
        }
        var listPrice = Money.Of(list, currency);
        if (saleId is null)
        {
            return new ItemPrice(listPrice, listPrice, null);
        }
        var sale = product.SalePrices.FirstOrDefault(s => s.SaleId == saleId);
        if (sale is null || !sale.Prices.TryGetValue(region, out var salePrice))
        {
            return null;
        }
        return new ItemPrice(Money.Of(salePrice, currency), listPrice, PriorPrice(product, region, currency, sale.StartsAt));
    }

    /// <summary>
    /// The lowest price charged in <paramref name="region"/> during the 30 days before <paramref name="reductionAt"/>:
    /// the list price in force over that window and any other sale's price that overlapped it. Null when the
    /// product had no price there in that window.
    /// </summary>
    public static Money? PriorPrice(Product product, string region, string currency, DateTimeOffset reductionAt)
    {
        var windowStart = Before(reductionAt, PriorPriceWindow);
        var candidates = new List<decimal>();
        if (product.ListPriceHistory.TryGetValue(region, out var history))
        {
            var ordered = history.OrderBy(p => p.From).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var until = i + 1 < ordered.Count ? ordered[i + 1].From : DateTimeOffset.MaxValue;
                if (ordered[i].From < reductionAt && until > windowStart)
                {
                    candidates.Add(ordered[i].Amount);
                }
            }
        }
        candidates.AddRange(product.SalePrices
            .Where(s => s.StartsAt < reductionAt && s.EndsAt > windowStart && s.Prices.ContainsKey(region))
            .Select(s => s.Prices[region]));
        return candidates.Count == 0 ? null : Money.Of(candidates.Min(), currency);
    }

    /// <summary>Adds a list price change to the history and drops what no prior price can need any more.</summary>
    public static ImmutableArray<PricePoint> Record(ImmutableArray<PricePoint> history, PricePoint change)
    {
        var points = (history.IsDefault ? [] : history).Where(p => p.From < change.From).Append(change).OrderBy(p => p.From).ToList();
        var cutoff = Before(change.From, HistoryKept);
        var lastBeforeCutoff = points.LastOrDefault(p => p.From <= cutoff);
        return [.. points.Where(p => p.From > cutoff || p == lastBeforeCutoff)];
    }

    /// <summary><paramref name="span"/> before <paramref name="time"/>, or the earliest time there is: a stored time near year 1 must not throw.</summary>
    private static DateTimeOffset Before(DateTimeOffset time, TimeSpan span) =>
        time - DateTimeOffset.MinValue < span ? DateTimeOffset.MinValue : time - span;
}
