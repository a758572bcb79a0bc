using FlashSale.Pricing;
using FlashSale.Products;

namespace FlashSale.UnitTests.Domain;

/// <summary>The prior price shown next to a sale price: the lowest price of the 30 days before the reduction.</summary>
public sealed class PriorPriceTests
{
    private static readonly DateTimeOffset SaleStart = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_long_unchanged_list_price_is_the_prior_price()
    {
        var product = Product(history: [Point(-90, 100m)]);
        Assert.Equal(100m, PriceBook.PriorPrice(product, "BR", "BRL", SaleStart)?.Amount);
    }

    [Fact]
    public void A_list_price_cut_inside_the_window_does_not_hide_the_higher_price_before_it_but_the_lowest_wins()
    {
        var product = Product(history: [Point(-40, 120m), Point(-10, 90m)]);
        Assert.Equal(90m, PriorPrice(product));
    }

    [Fact]
    public void A_list_price_raised_just_before_the_sale_does_not_inflate_the_prior_price()
    {
        // The classic trick: raise the price a week before the sale so the "discount" looks bigger.
        var product = Product(history: [Point(-60, 80m), Point(-7, 150m)]);
        Assert.Equal(80m, PriorPrice(product));
    }

    [Fact]
    public void An_earlier_sale_inside_the_window_counts()
    {
        var product = Product(history: [Point(-90, 100m)], sales: [Sale("spring", -20, -5, 60m)]);
        Assert.Equal(60m, PriorPrice(product));
    }

    [Fact]
    public void A_sale_that_ended_before_the_window_does_not_count()
    {
        var product = Product(history: [Point(-90, 100m)], sales: [Sale("autumn", -45, -31, 60m)]);
        Assert.Equal(100m, PriorPrice(product));
    }

    [Fact]
    public void Prices_set_after_the_reduction_and_other_regions_do_not_count()
    {
        var product = Product(history: [Point(-90, 100m), Point(2, 10m)], sales: [Sale("us-only", -10, -2, 5m, region: "US")]);
        Assert.Equal(100m, PriorPrice(product));
    }

    [Fact]
    public void A_product_without_earlier_prices_has_no_prior_price()
    {
        var product = Product(history: [Point(0, 100m)]);
        Assert.Null(PriceBook.PriorPrice(product, "BR", "BRL", SaleStart));
    }

    [Fact]
    public void Pruning_the_history_keeps_the_price_in_force_at_the_cutoff()
    {
        var history = ImmutableArray.Create(Point(-200, 130m), Point(-100, 110m), Point(-20, 95m));
        var pruned = PriceBook.Record(history, Point(0, 99m));

        Assert.Equal([110m, 95m, 99m], pruned.Select(p => p.Amount));
    }

    [Fact]
    public void The_sale_price_is_shown_with_list_and_prior_price_in_the_region_currency()
    {
        var product = Product(history: [Point(-90, 199.90m)], sales: [Sale("black-friday", 0, 1, 99.90m)]);

        var price = PriceBook.For(product, "BR", "BRL", "black-friday");

        Assert.Equal((99.90m, 199.90m, 199.90m), (price!.Price.Amount, price.ListPrice.Amount, price.PriorPrice!.Value.Amount));
        Assert.Equal("BRL", price.Price.Currency);
        Assert.Null(PriceBook.For(product, "BR", "BRL", "other-sale"));
        Assert.Null(PriceBook.For(product, "US", "USD", null));
    }

    [Fact]
    public void A_sale_stored_with_the_earliest_or_latest_time_there_is_still_gets_an_answer()
    {
        var product = Product(history: [Point(-90, 100m)], sales: [Sale("odd", -10, -5, 60m)]);
        var ancient = product with
        {
            SalePrices = [new SalePrice("ancient", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, ImmutableDictionary<string, decimal>.Empty.Add("BR", 50m))],
        };

        Assert.Null(PriceBook.PriorPrice(product, "BR", "BRL", DateTimeOffset.MinValue));
        Assert.Equal(100m, PriceBook.PriorPrice(product, "BR", "BRL", DateTimeOffset.MaxValue)?.Amount);
        Assert.Equal(50m, PriceBook.For(ancient, "BR", "BRL", "ancient")?.Price.Amount);
        Assert.Equal(99m, PriceBook.Record([Point(-90, 100m)], new PricePoint(DateTimeOffset.MinValue.AddDays(1), 99m))[0].Amount);
    }

    private static decimal? PriorPrice(Product product) => PriceBook.PriorPrice(product, "BR", "BRL", SaleStart)?.Amount;

    private static PricePoint Point(int days, decimal amount) => new(SaleStart.AddDays(days), amount);

    private static SalePrice Sale(string id, int startDays, int endDays, decimal price, string region = "BR") =>
        new(id, SaleStart.AddDays(startDays), SaleStart.AddDays(endDays), ImmutableDictionary<string, decimal>.Empty.Add(region, price));

    private static Product Product(PricePoint[] history, SalePrice[]? sales = null) => new(
        "SKU-1", "Sneaker", "", "shoes", null,
        ImmutableDictionary<string, decimal>.Empty.Add("BR", history[^1].Amount),
        ImmutableDictionary<string, ImmutableArray<PricePoint>>.Empty.Add("BR", [.. history]),
        [.. sales ?? []],
        1);
}
