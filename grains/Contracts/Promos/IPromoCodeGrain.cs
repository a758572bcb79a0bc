namespace FlashSale.Promos;

/// <summary>
/// One promo code, keyed by its normalised text: its rules, and its redemptions when it has one allowance
/// (a shared code's redemptions are spread over allowance shards). Redemptions are held
/// with an order's units, confirmed when it is paid, released when it is cancelled, expires or fails;
/// <c>redeemed + held &lt;= maxRedemptions</c> at every moment. Writes go by group commit.
/// </summary>
[Alias("flashsale.promo-code")]
public interface IPromoCodeGrain : IRedemptionGrain
{
    /// <summary>
    /// False when the code exists with other rules. The same rules again (a retried create) finish what an earlier
    /// attempt left undone (allowance shares that did not start) and answer true, as a create.
    /// </summary>
    [Alias("create")]
    Task<bool> Create(PromoDefinition definition);

    [Alias("snapshot"), AlwaysInterleave]
    Task<PromoSnapshot?> GetSnapshot();

    /// <summary>
    /// The rules and totals without the per-customer table (which grows with every customer who used the code): what
    /// each silo's catalog cache reads every half second, so its cost stays flat during a stampede.
    /// </summary>
    [Alias("rules"), AlwaysInterleave]
    Task<PromoSnapshot?> GetRules();

    /// <summary>Refuses the code to shoppers from now on; answers its rules with totals (as <see cref="GetRules"/>).</summary>
    [Alias("disable")]
    Task<PromoSnapshot?> Disable();

    /// <summary>Takes a disabled code back into use (its redemptions so far still count); answers as <see cref="Disable"/>.</summary>
    [Alias("enable")]
    Task<PromoSnapshot?> Enable();

    /// <summary>The grain that holds <paramref name="customerId"/>'s redemptions of this code.</summary>
    static IRedemptionGrain For(IGrainFactory grains, PromoDefinition code, string customerId) =>
        ShareOf(code, customerId) is { } share ? Share(grains, code.Code, share) : grains.GetGrain<IPromoCodeGrain>(code.Code);

    /// <summary>The allowance share holding <paramref name="customerId"/>'s redemptions of a shared code (null: the code is one grain).</summary>
    static int? ShareOf(PromoDefinition code, string customerId) =>
        code.Shards <= 1 ? null : Sales.SaleRules.ShardFor(customerId, code.Shards);

    /// <summary>Allowance share <paramref name="share"/> of code <paramref name="code"/>.</summary>
    static IRedemptionGrain Share(IGrainFactory grains, string code, int share) =>
        grains.GetGrain<IPromoAllowanceGrain>(PromoRules.AllowanceKey(code, share));
}
