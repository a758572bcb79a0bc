using System.Runtime.CompilerServices;

namespace FlashSale.Pricing;

/// <summary>
/// The pricing grain's reference, made once per grain factory: <c>GetGrain</c> resolves the interface's grain type by
/// reflection on every call, which cost about 2 % of the CPU of a promo stampede where every quote and hold made one.
/// </summary>
public static class PricingGrainReference
{
    private static readonly ConditionalWeakTable<IGrainFactory, IPricingGrain> References = [];

    /// <summary>The silo-local pricing reads (<see cref="IPricingGrain"/>, a stateless worker: key 0 everywhere).</summary>
    public static IPricingGrain Pricing(this IGrainFactory grains) =>
        References.TryGetValue(grains, out var known) ? known : References.GetValue(grains, factory => factory.GetGrain<IPricingGrain>(0));
}
