using FlashSale.Domain;
using FlashSale.Pricing;
using FlashSale.Promos;

namespace FlashSale.UnitTests.Domain;

/// <summary>Whether a code applies, and the reason when it does not, case by case.</summary>
public sealed class PromoRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 8, 1)]
    [InlineData(100, 8, 1)]
    [InlineData(101, 8, 2)]
    [InlineData(200, 8, 4)]
    [InlineData(1_000_000, 8, 8)]
    [InlineData(1_000_000, 2, 2)]
    [InlineData(1_000_000, 1, 1)]
    [InlineData(null, 2, 2)]
    [InlineData(null, 3, 3)]
    public void A_code_s_redemptions_are_shared_by_more_grains_for_a_larger_cap_and_never_more_than_the_cluster_size_allows(int? cap, int most, int shares)
    {
        Assert.Equal(shares, PromoRules.AllowanceShardsFor(cap, most));
    }

    public static TheoryData<string, string?> Cases => new()
    {
        { "none", null },
        { "unknown", "unknown" },
        { "disabled", "disabled" },
        { "starts-tomorrow", "not-started" },
        { "ended-yesterday", "expired" },
        { "us-only", "region" },
        { "min-300", "min-subtotal" },
        { "other-sale", "not-applicable" },
        { "other-sku", "not-applicable" },
        { "no-sale-prices", "not-applicable" },
        { "amount-usd-only", "region" },
        { "cap-reached", "exhausted" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Gives_the_reason_a_code_does_not_apply(string situation, string? reason)
    {
        var promo = situation switch
        {
            "unknown" => null,
            "disabled" => Promo() with { Disabled = true },
            "starts-tomorrow" => Promo(d => d with { StartsAt = Now.AddDays(1) }),
            "ended-yesterday" => Promo(d => d with { EndsAt = Now.AddDays(-1) }),
            "us-only" => Promo(d => d with { Regions = ["US"] }),
            "min-300" => Promo(d => d with { MinSubtotal = ImmutableDictionary<string, decimal>.Empty.Add("BR", 300m) }),
            "other-sale" => Promo(d => d with { SaleIds = ["spring"] }),
            "other-sku" => Promo(d => d with { Skus = ["CAP-1"] }),
            "no-sale-prices" => Promo(d => d with { CombinesWithSalePrice = false }),
            "amount-usd-only" => Promo(d => d with { Kind = PromoKind.Amount, Amounts = ImmutableDictionary<string, decimal>.Empty.Add("US", 5m) }),
            "cap-reached" => Promo(d => d with { MaxRedemptions = 2 }) with { Counts = new PromoCounts(1, 1, ImmutableDictionary<string, int>.Empty, null) },
            _ => Promo(),
        };

        var (discount, why) = PromoRules.Evaluate(promo, "BR", new Money(199.80m, "BRL"), "black-friday", "SNEAKER-1", Now);

        Assert.Equal(reason, why);
        Assert.Equal(reason is null, discount is not null);
    }

    [Fact]
    public void Each_kind_takes_off_what_it_says()
    {
        var percent = PromoRules.Evaluate(Promo(), "BR", new Money(100m, "BRL"), null, "SNEAKER-1", Now).Discount;
        var amount = PromoRules.Evaluate(Promo(d => d with { Kind = PromoKind.Amount, Amounts = ImmutableDictionary<string, decimal>.Empty.Add("BR", 15m) }),
            "BR", new Money(100m, "BRL"), null, "SNEAKER-1", Now).Discount;
        var shipping = PromoRules.Evaluate(Promo(d => d with { Kind = PromoKind.FreeShipping }), "BR", new Money(100m, "BRL"), null, "SNEAKER-1", Now).Discount;

        Assert.Equal((DiscountKind.Percent, 10m), (percent!.Kind, percent.Percent));
        Assert.Equal((DiscountKind.Amount, 15m, "BRL"), (amount!.Kind, amount.Amount!.Value.Amount, amount.Amount.Value.Currency));
        Assert.Equal(DiscountKind.FreeShipping, shipping!.Kind);
    }

    [Fact]
    public void Codes_are_case_insensitive_and_trimmed_and_batch_codes_are_all_different() =>
        Assert.Equal(("SUMMER10", 1000), (PromoRules.Normalize("  summer10 "),
            Enumerable.Range(0, 1000).Select(_ => PromoValidation.RandomCode("BF")).Distinct().Count()));

    private static PromoSnapshot Promo(Func<PromoDefinition, PromoDefinition>? change = null)
    {
        var definition = new PromoDefinition(
            "TEN", PromoKind.Percent, 10m, ImmutableDictionary<string, decimal>.Empty, null, null, null, null,
            [], ImmutableDictionary<string, decimal>.Empty, [], [], true);
        return new PromoSnapshot(change is null ? definition : change(definition), false, PromoCounts.None);
    }
}
