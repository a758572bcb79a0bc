using FlashSale.Sales;

namespace FlashSale.UnitTests.Domain;

public sealed class OrderIdTests
{
    [Fact]
    public void An_order_of_the_longest_sale_id_and_sku_is_still_an_order_id_and_anything_longer_or_malformed_is_not()
    {
        var longest = SaleRules.OrderIdFor(new string('s', 64), new string('K', 64), SaleRules.MaxShards - 1, "c_customer", "key");

        Assert.Equal(SaleRules.MaxOrderIdLength, longest.Length);
        Assert.True(SaleRules.IsOrderId(longest));
        Assert.False(SaleRules.IsOrderId(longest + "0"));
        Assert.False(SaleRules.IsOrderId("not-an-order"));
        Assert.False(SaleRules.IsOrderId(new string('x', 10_000)));
    }
}
