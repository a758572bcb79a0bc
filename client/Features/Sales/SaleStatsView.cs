namespace FlashSale.Client.Features.Sales;

/// <param name="PendingDeliveries">Recorded changes some shard has not confirmed yet; at 0 each item's allocated + inTransfer is its stock.</param>
public sealed record SaleStatsView(IReadOnlyList<ItemStatsView> Items, double OrdersPerSecond, DateTimeOffset ServerTime, int PendingDeliveries);
