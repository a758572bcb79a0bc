namespace FlashSale.Domain;

/// <summary>
/// An amount in one currency. Arithmetic refuses to mix currencies; <see cref="Of"/> rounds to the
/// currency's minor digits, half away from zero (the contract's rule).
/// </summary>
[GenerateSerializer, Immutable, Alias("flashsale.money")]
public readonly record struct Money([property: Id(0)] decimal Amount, [property: Id(1)] string Currency)
{
    public static Money Of(decimal amount, string currency) => new(Round(amount, currency), currency);

    public static Money Zero(string currency) => new(0m, currency);

    public static decimal Round(decimal amount, string currency) =>
        decimal.Round(amount, Currencies.MinorDigits(currency), MidpointRounding.AwayFromZero);

    /// <summary>True when <paramref name="amount"/> has no more digits than the currency allows (10.005 BRL and 10.5 JPY do not).</summary>
    public static bool IsExact(decimal amount, string currency) => Round(amount, currency) == amount;

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, SameCurrency(left, right));

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, SameCurrency(left, right));

    public static Money operator *(Money money, int quantity) => new(money.Amount * quantity, money.Currency);

    public static Money Min(Money left, Money right) => new(Math.Min(left.Amount, right.Amount), SameCurrency(left, right));

    public static Money Max(Money left, Money right) => new(Math.Max(left.Amount, right.Amount), SameCurrency(left, right));

    public override string ToString() => $"{Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Currency}";

    private static string SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? left.Currency
            : throw new InvalidOperationException($"Cannot combine {left} with {right}: different currencies.");
}
