using FlashSale.Sales;

namespace FlashSale.Client.Features.Sales;

/// <summary>A sale's waiting room as the marketer set it.</summary>
public sealed record WaitingRoomView(int AdmitPerSecond);

/// <summary>A sale on the marketer's board. <see cref="PendingDeliveries"/>: recorded changes some shard has not confirmed yet (sent again every second).</summary>
public sealed record AdminSaleView(
    string Id, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<string> Regions, int HoldMinutes,
    string Status, bool Paused, IReadOnlyList<AdminSaleItemView> Items, double OrdersPerSecond, DateTimeOffset ServerTime, int PendingDeliveries,
    WaitingRoomView? WaitingRoom)
{
    public static AdminSaleView From(SaleSnapshot sale, DateTimeOffset now, double ordersPerSecond)
    {
        var status = SaleRules.Status(sale.Definition, sale.Control, now);
        return new AdminSaleView(
            sale.Definition.Id, sale.Definition.Name, sale.Definition.StartsAt, sale.Definition.EndsAt, sale.Definition.Regions,
            sale.Definition.HoldMinutes, Wire(status), sale.Control.Paused,
            sale.Definition.Items.Select(item =>
            {
                var counts = sale.Counts(item.Sku)!;
                return new AdminSaleItemView(
                    item.Sku, counts.Stock, item.PerCustomerLimit, item.SalePrices, item.Shards, Wire(SaleRules.ItemStatus(status, counts.Available)),
                    counts.Sold, counts.Held, counts.Available, counts.Orders, RejectionsView.From(counts.Rejected, rateLimited: 0));
            }).ToList(),
            ordersPerSecond, now, sale.PendingDeliveries,
            sale.Definition.WaitingRoom is { } room ? new WaitingRoomView(room.AdmitPerSecond) : null);
    }

    public static string Wire(SaleStatus status) => status switch
    {
        SaleStatus.Upcoming => "upcoming",
        SaleStatus.Live => "live",
        SaleStatus.SoldOut => "soldOut",
        SaleStatus.Ended => "ended",
        _ => "paused",
    };
}
