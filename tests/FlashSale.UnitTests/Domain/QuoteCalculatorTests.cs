using FlashSale.Domain;
using FlashSale.Pricing;
using FlashSale.Regions;

namespace FlashSale.UnitTests.Domain;

/// <summary>The contract's quote formula, case by case (amounts as strings: they are decimals).</summary>
public sealed class QuoteCalculatorTests
{
    public static TheoryData<string, string, string, string, string, string, string, string> Cases => new()
    {
        // region (currency rate incl fee threshold) | unit x qty | code    | subtotal | discount | shipping | tax    | total
        { "BRL 0.17 incl 19.90 199", "99.90 x1", "", "99.90", "0", "19.90", "17.41", "119.80" },            // tax inside the price
        { "BRL 0.17 incl 19.90 199", "199.00 x1", "", "199.00", "0", "0", "28.91", "199.00" },              // free shipping exactly at the threshold
        { "BRL 0.17 incl 19.90 199", "198.99 x1", "", "198.99", "0", "19.90", "31.80", "218.89" },          // a cent below it
        { "USD 0.08 excl 5.99 50", "39.99 x2", "", "79.98", "0", "0", "6.40", "86.38" },                    // tax on top, quantity 2
        { "USD 0.08 excl 5.99 50", "19.99 x1", "", "19.99", "0", "5.99", "2.08", "28.06" },                 // shipping taxed too
        { "JPY 0.10 incl 500 -", "4980 x1", "", "4980", "0", "500", "498", "5480" },                        // zero-digit currency
        { "JPY 0.10 excl 0 -", "1005 x1", "", "1005", "0", "0", "101", "1106" },                            // 100.5 rounds up
        { "BRL 0 excl 0 -", "12.25 x1", "percent 10", "12.25", "1.23", "0", "0", "11.02" },                 // 1.225 rounds away from zero
        { "BRL 0.17 incl 19.90 199", "200.00 x1", "percent 10", "200.00", "20.00", "19.90", "29.05", "199.90" }, // discount drops below the threshold
        { "BRL 0.17 incl 19.90 199", "50.00 x1", "amount 80.00", "50.00", "50.00", "19.90", "2.89", "19.90" },  // discount capped at the subtotal
        { "BRL 0.17 incl 19.90 199", "50.00 x1", "freeShipping", "50.00", "0", "0", "7.26", "50.00" },       // free-shipping code
        { "INR 0.18 incl 99 1000", "333.33 x3", "", "999.99", "0", "99", "167.64", "1098.99" },              // quantity 3, just below the threshold
        { "EUR 0.19 incl 4.99 50", "49.99 x1", "amount 5.00", "49.99", "5.00", "4.99", "7.98", "49.98" },    // amount code in EUR
    };

    [Theory, MemberData(nameof(Cases))]
    public void Computes_every_amount_as_the_contract_says(
        string regionSpec, string line, string code, string subtotal, string discount, string shipping, string tax, string total)
    {
        var region = ParseRegion(regionSpec);
        var (unit, quantity) = ParseLine(line);

        var quote = QuoteCalculator.Compute(region, new Money(unit, region.Currency), quantity, ParseDiscount(code, region.Currency), null);

        Assert.Equal(
            (D(subtotal), D(discount), D(shipping), D(tax), D(total)),
            (quote.Subtotal.Amount, quote.Discount.Amount, quote.Shipping.Amount, quote.Tax.Amount, quote.Total.Amount));
        Assert.All(new[] { quote.Subtotal, quote.Discount, quote.Shipping, quote.Tax, quote.Total }, m => Assert.Equal(region.Currency, m.Currency));
    }

    [Fact]
    public void A_quote_needs_at_least_one_unit() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            QuoteCalculator.Compute(ParseRegion("BRL 0.17 incl 19.90 199"), new Money(10m, "BRL"), 0, null, null));

    private static decimal D(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    private static Region ParseRegion(string spec)
    {
        var parts = spec.Split(' ');
        return new Region("ZZ", "Test", parts[0], D(parts[1]), parts[2] == "incl", D(parts[3]), parts[4] == "-" ? null : D(parts[4]));
    }

    private static (decimal Unit, int Quantity) ParseLine(string line)
    {
        var parts = line.Split(" x");
        return (D(parts[0]), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Discount? ParseDiscount(string code, string currency) => code.Split(' ') switch
    {
        ["percent", var percent] => Discount.PercentOff(D(percent)),
        ["amount", var amount] => Discount.AmountOff(new Money(D(amount), currency)),
        ["freeShipping"] => Discount.FreeShipping,
        _ => null,
    };
}
