namespace FlashSale.Transfers;

/// <summary>
/// The transfer side of a book of units shared out over sibling grains (a stock shard's <c>StockLedger</c>, a promo
/// code's <c>AllowanceBook</c>): what it asked its siblings for and what it gave them, each recorded as an event of its
/// journal so a reload knows both.
/// </summary>
internal interface ITransferBook
{
    /// <summary>Transfers asked for and not booked yet: transfer id to the donor's index.</summary>
    IReadOnlyDictionary<string, int> Incoming { get; }

    /// <summary>What this book gave, by transfer id (so a repeated ask gets the same answer).</summary>
    IReadOnlyDictionary<string, int> Donations { get; }

    /// <summary>Records an ask of <paramref name="donor"/> under a new transfer id, which it returns.</summary>
    string AskTransfer(string key, int donor);

    /// <summary>Records the units an ask brought; false when that transfer was booked already (or never asked).</summary>
    bool BookTransfer(string transferId, int units);

    /// <summary>Records what this book gives a sibling's ask (up to <paramref name="wanted"/>, or more when it has plenty).</summary>
    int Donate(string transferId, int wanted);
}
