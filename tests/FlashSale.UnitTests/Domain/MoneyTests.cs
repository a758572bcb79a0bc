using FlashSale.Domain;

namespace FlashSale.UnitTests.Domain;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(10.005, "BRL", 10.01)]
    [InlineData(-10.005, "BRL", -10.01)]
    [InlineData(10.004, "BRL", 10.00)]
    [InlineData(10.5, "JPY", 11)]
    [InlineData(9.4999, "JPY", 9)]
    [InlineData(1.0005, "KWD", 1.001)]
    public void Rounds_half_away_from_zero_to_the_currency_minor_digits(decimal amount, string currency, decimal expected) =>
        Assert.Equal(expected, Money.Of(amount, currency).Amount);

    [Theory]
    [InlineData(10.005, "BRL", false)]
    [InlineData(10.5, "JPY", false)]
    [InlineData(10.50, "BRL", true)]
    [InlineData(1000, "JPY", true)]
    public void Knows_whether_an_amount_fits_the_currency(decimal amount, string currency, bool exact) =>
        Assert.Equal(exact, Money.IsExact(amount, currency));

    [Fact]
    public void Refuses_to_add_different_currencies() =>
        Assert.Throws<InvalidOperationException>(() => new Money(1m, "BRL") + new Money(1m, "USD"));

    [Fact]
    public void Unknown_currencies_are_not_guessed() =>
        Assert.Throws<ArgumentException>(() => Money.Of(1m, "XYZ"));
}
