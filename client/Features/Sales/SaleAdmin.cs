using FlashSale.Sales;

namespace FlashSale.Client.Features.Sales;

/// <summary>What every marketer's sale handler works with, bound once per request (<c>[AsParameters]</c>): the grains, the order rates, the shop's time, how many shards a new item gets.</summary>
public readonly record struct SaleAdmin(IGrainFactory Grains, OrderRates Rates, ShopClock Clock, ShardSizing Shards)
{
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>The sale as the marketer's board shows it, with its orders per second since the last look.</summary>
    public AdminSaleView View(SaleSnapshot sale) => AdminSaleView.From(sale, Now, Rates.Observe(sale.Definition.Id, sale.Items.Sum(i => i.Orders)));
}
