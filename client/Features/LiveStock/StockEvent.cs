namespace FlashSale.Client.Features.LiveStock;

/// <summary>One message of a sale's live stream: every item's stock and status, as of <see cref="ServerTime"/>.</summary>
public sealed record StockEvent(string SaleId, string Status, IReadOnlyList<StockEventItem> Items, DateTimeOffset ServerTime);
