namespace FlashSale.Client.Api;

public sealed record SaleStatsView(IReadOnlyList<ItemStatsView> Items, double OrdersPerSecond, DateTimeOffset ServerTime);
