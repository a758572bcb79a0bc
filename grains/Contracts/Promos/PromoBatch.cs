namespace FlashSale.Promos;

/// <summary>A batch of single-use codes as a marketer asked for it: <see cref="Count"/> codes named <c>{Prefix}-…</c>, each with the template's rules.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.promo-batch")]
public sealed record PromoBatch(
    [property: Id(0)] string Prefix,
    [property: Id(1)] int Count,
    [property: Id(2)] PromoDefinition Template)
{
    public bool SameAs(PromoBatch other) => Prefix == other.Prefix && Count == other.Count && Template.SameRulesAs(other.Template);
}
