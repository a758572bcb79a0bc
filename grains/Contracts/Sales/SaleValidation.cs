namespace FlashSale.Sales;

/// <summary>A sale's limits (items, stock, window) and what a restock may add; the web front checks a marketer's draft against them.</summary>
public static class SaleValidation
{
    public const int MaxItems = 100;

    /// <summary>The most units an item of a sale can have, restocks included (counts stay far from int's limit).</summary>
    public const int MaxStockPerItem = 1_000_000;

    /// <summary>No sale starts before this (a marketer typing a year wrong, or a default of year 1).</summary>
    public static readonly DateTimeOffset EarliestStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead a sale can be planned.</summary>
    public const int MaxYearsAhead = 5;

    /// <summary>The longest a sale can run: a flash sale is hours or days, a year is already generous.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(366);

    /// <summary>Why a restock of <paramref name="quantity"/> units cannot go to an item of <paramref name="stock"/>, or null when it can.</summary>
    public static string? RestockRefusal(int stock, int quantity) =>
        quantity < 1 ? "At least 1."
        : quantity > MaxStockPerItem - stock ? $"At most {Math.Max(0, MaxStockPerItem - stock):N0}: an item has at most {MaxStockPerItem:N0} units, restocks included, and this one has {stock:N0}."
        : null;
}
