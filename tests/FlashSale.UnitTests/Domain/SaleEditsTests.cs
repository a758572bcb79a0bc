using System.Collections.Immutable;
using FlashSale.Sales;

namespace FlashSale.UnitTests.Domain;

/// <summary>What a marketer may change in a sale, and when (the pure rule behind PUT /api/admin/sales/{id}).</summary>
public sealed class SaleEditsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Before_the_start_everything_may_change_and_stock_until_a_minute_before()
    {
        var sale = Sale(Now.AddMinutes(10), stock: 10, limit: 1, price: 99.90m);
        var edited = Sale(Now.AddMinutes(20), stock: 50, limit: 3, price: 79.90m) with { Name = "New", Regions = ["BR", "US"], HoldMinutes = 5 };

        Assert.Null(SaleEdits.Refusal(sale, SaleControl.Running, Stock(10), edited, Now));
        Assert.Equal("items[0].stock", SaleEdits.Refusal(sale, SaleControl.Running, Stock(10), edited, Now.AddMinutes(9.5))?.Field);
        Assert.Null(SaleEdits.Refusal(sale, SaleControl.Running, Stock(10), edited with { Items = [edited.Items[0] with { Stock = 10 }] }, Now.AddMinutes(9.5)));
    }

    [Fact]
    public void Once_started_only_the_name_and_limits_change_and_an_ended_sale_nothing()
    {
        var sale = Sale(Now.AddMinutes(-10), stock: 10, limit: 1, price: 99.90m);

        Assert.Null(SaleEdits.Refusal(sale, SaleControl.Running, Stock(10), sale with { Name = "Renamed", Items = [sale.Items[0] with { PerCustomerLimit = 4 }] }, Now));
        Assert.Equal("items[0].salePrices", Field(sale, sale with { Items = [sale.Items[0] with { SalePrices = Prices(49m) }] }));
        Assert.Equal("items[0].stock", Field(sale, sale with { Items = [sale.Items[0] with { Stock = 11 }] }));
        Assert.Equal("endsAt", Field(sale, sale with { EndsAt = sale.EndsAt.AddHours(1) }));
        Assert.Equal("regions", Field(sale, sale with { Regions = ["BR", "US"] }));
        Assert.Equal("items", Field(sale, sale with { Items = [.. sale.Items, sale.Items[0] with { Sku = "OTHER" }] }));
        // Paused counts as started; ended takes nothing.
        Assert.Equal("holdMinutes", SaleEdits.Refusal(sale, new SaleControl(true, null), Stock(10), sale with { HoldMinutes = 3 }, Now)?.Field);
        Assert.Equal("id", SaleEdits.Refusal(sale, new SaleControl(false, Now.AddMinutes(-1)), Stock(10), sale with { Name = "x" }, Now)?.Field);
    }

    [Fact]
    public void Stock_is_the_total_with_restocks_and_the_definition_keeps_the_initial_share_and_shards()
    {
        var sale = Sale(Now.AddMinutes(10), stock: 10, limit: 1, price: 99.90m);
        // 5 units came from a restock: the marketer sees 15; 12 would take the initial units to 7.
        var edited = sale with { Items = [sale.Items[0] with { Stock = 12, Shards = 1 }] };

        Assert.Equal("items[0].stock", SaleEdits.Refusal(sale, SaleControl.Running, Stock(15), sale with { Items = [sale.Items[0] with { Stock = 5 }] }, Now)?.Field);
        var amended = SaleEdits.Amended(sale, Stock(15), edited);

        Assert.Equal((7, sale.Items[0].Shards, 1), (amended.Items[0].Stock, amended.Items[0].Shards, amended.Revision));
        Assert.NotEqual(SaleEdits.Fingerprint(edited), SaleEdits.Fingerprint(sale));
    }

    private static string? Field(SaleDefinition current, SaleDefinition edited) => SaleEdits.Refusal(current, SaleControl.Running, Stock(10), edited, Now)?.Field;

    private static Dictionary<string, int> Stock(int units) => new() { ["SNEAKER-1"] = units };

    private static ImmutableDictionary<string, decimal> Prices(decimal brl) => ImmutableDictionary<string, decimal>.Empty.Add("BR", brl);

    private static SaleDefinition Sale(DateTimeOffset startsAt, int stock, int limit, decimal price) =>
        new("edits", "Edits", startsAt, startsAt.AddHours(2), ["BR"], 10, [new SaleItem("SNEAKER-1", stock, limit, Prices(price), 4)]);
}
