using FlashSale.Sales;

namespace FlashSale.UnitTests.Domain;

/// <summary>Sale status by server time, the split of stock over shards, and the ids that route to a shard.</summary>
public sealed class SaleRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly SaleDefinition Sale = new("bf", "Black Friday", Start, Start.AddHours(2), ["BR"], 10,
        [new SaleItem("SKU", 100, 2, ImmutableDictionary<string, decimal>.Empty.Add("BR", 10m), 5)]);

    [Fact]
    public void A_sale_is_upcoming_live_paused_and_ended_by_server_time_and_its_controls()
    {
        var running = SaleControl.Running;
        var paused = new SaleControl(true, null);
        var endedEarly = new SaleControl(false, Start.AddMinutes(30));

        Assert.Equal(SaleStatus.Upcoming, SaleRules.Status(Sale, running, Start.AddTicks(-1)));
        Assert.Equal(SaleStatus.Live, SaleRules.Status(Sale, running, Start));
        Assert.Equal(SaleStatus.Paused, SaleRules.Status(Sale, paused, Start.AddMinutes(1)));
        Assert.Equal(SaleStatus.Upcoming, SaleRules.Status(Sale, paused, Start.AddMinutes(-1)));
        Assert.Equal(SaleStatus.Live, SaleRules.Status(Sale, endedEarly, Start.AddMinutes(30).AddTicks(-1)));
        Assert.Equal(SaleStatus.Ended, SaleRules.Status(Sale, endedEarly, Start.AddMinutes(30)));
        Assert.Equal(SaleStatus.Ended, SaleRules.Status(Sale, paused, Start.AddHours(2)));
        Assert.Equal(SaleStatus.Live, SaleRules.Status(Sale, running, Start.AddHours(2).AddTicks(-1)));
    }

    [Fact]
    public void Only_a_live_item_with_nothing_left_is_sold_out()
    {
        Assert.Equal(SaleStatus.SoldOut, SaleRules.ItemStatus(SaleStatus.Live, 0));
        Assert.Equal(SaleStatus.Live, SaleRules.ItemStatus(SaleStatus.Live, 1));
        Assert.Equal(SaleStatus.Paused, SaleRules.ItemStatus(SaleStatus.Paused, 0));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(39, 1)]
    [InlineData(40, 2)]
    [InlineData(160, 8)]
    [InlineData(100_000, 8)]
    public void Stock_is_split_over_enough_shards_to_spread_a_burst_and_every_unit_lands_in_one(int stock, int shards)
    {
        var units = Enumerable.Range(0, SaleRules.ShardCountFor(stock)).Select(i => SaleRules.UnitsOfShard(stock, shards, i)).ToList();

        Assert.Equal(shards, SaleRules.ShardCountFor(stock));
        Assert.Equal(stock, units.Sum());
        Assert.True(units.Max() - units.Min() <= 1, $"an even split: {string.Join(", ", units)}");
    }

    [Theory]
    [InlineData(1, null, 2)]
    [InlineData(2, null, 2)]
    [InlineData(3, null, 3)]
    [InlineData(12, null, 8)]
    [InlineData(1, 1, 1)]
    [InlineData(5, 8, 8)]
    public void A_new_item_gets_a_shard_per_silo_at_least_two_unless_the_setting_says_otherwise(int silos, int? configured, int most)
    {
        Assert.Equal(most, SaleRules.ShardsPerItemFor(silos, configured));
        Assert.Equal(most, SaleRules.ShardCountFor(100_000, SaleRules.ShardsPerItemFor(silos, configured)));
        Assert.Equal(1, SaleRules.ShardCountFor(10, SaleRules.ShardsPerItemFor(silos, configured)));
    }

    [Fact]
    public void An_order_id_names_its_shard_and_the_same_customer_and_key_name_the_same_order()
    {
        var id = SaleRules.OrderIdFor("bf", "SKU", 3, "c_ana", "key-1");

        Assert.Equal(new OrderShard("bf", "SKU", 3), SaleRules.ShardOf(id));
        Assert.Equal("bf/SKU/3", SaleRules.ShardKeyOf(id));
        Assert.True(SaleRules.HasShard(Sale, SaleRules.ShardOf(id)!));
        Assert.False(SaleRules.HasShard(Sale, new OrderShard("bf", "SKU", 5)));
        Assert.False(SaleRules.HasShard(Sale, new OrderShard("bf", "OTHER", 0)));
        Assert.False(SaleRules.HasShard(Sale, new OrderShard("other", "SKU", 0)));
        Assert.Equal(id, SaleRules.OrderIdFor("bf", "SKU", 3, "c_ana", "key-1"));
        Assert.NotEqual(id, SaleRules.OrderIdFor("bf", "SKU", 3, "c_ana", "key-2"));
        Assert.NotEqual(id, SaleRules.OrderIdFor("bf", "SKU", 3, "c_bob", "key-1"));
        Assert.Null(SaleRules.ShardOf("bf~SKU~8~" + new string('a', 20)));
        Assert.Null(SaleRules.ShardOf("bf~SKU~x~" + new string('a', 20)));
        Assert.Null(SaleRules.ShardOf("BF!~SKU~1~" + new string('a', 20)));
        Assert.Null(SaleRules.ShardOf("bf~SKU~1~short"));
        Assert.Null(SaleRules.ShardOf("bf~~1~" + new string('a', 20)));
    }

    [Fact]
    public void Customer_ids_and_restock_ids_are_stable_and_keys_name_what_they_named()
    {
        Assert.Equal(SaleRules.CustomerIdFor("Ana@Example.com "), SaleRules.CustomerIdFor("ana@example.com"));
        Assert.NotEqual(SaleRules.CustomerIdFor("ana@example.com"), SaleRules.CustomerIdFor("bob@example.com"));
        Assert.StartsWith("c_", SaleRules.CustomerIdFor("ana@example.com"));
        Assert.Equal(SaleRules.RestockId("bf", "SKU", "key", 1), SaleRules.RestockId("bf", "SKU", "key", 2));
        Assert.NotEqual(SaleRules.RestockId("bf", "SKU", null, 1), SaleRules.RestockId("bf", "SKU", null, 2));
        Assert.Equal(SaleRules.GeneratedSaleId("launch"), SaleRules.GeneratedSaleId("launch"));
        Assert.NotEqual(SaleRules.GeneratedSaleId(null), SaleRules.GeneratedSaleId(null));
        Assert.True(SaleRules.IsValidSaleId(SaleRules.GeneratedSaleId("launch")));
        Assert.Equal(20, SaleRules.KeyHash("k").Length);
        Assert.All(Enumerable.Range(0, 200), i => Assert.InRange(SaleRules.ShardFor($"c{i}", 8), 0, 7));
        Assert.Equal(SaleRules.ShardFor("c_ana", 8), SaleRules.ShardFor("c_ana", 8));
    }
}
