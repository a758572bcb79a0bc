namespace FlashSale.Promos;

/// <summary>A share of a shared code's redemptions, keyed <c>{code}/{n}</c>; a customer always lands on the same share.</summary>
[Alias("flashsale.promo-allowance")]
public interface IPromoAllowanceGrain : IRedemptionGrain
{
    [Alias("initialize")]
    Task Initialize(PromoDefinition definition, int index);

    /// <summary>Gives up to <paramref name="wanted"/> unused redemptions to a sibling; the same transfer id always gets the same answer.</summary>
    [Alias("donate")]
    Task<int> Donate(string transferId, int wanted);
}
