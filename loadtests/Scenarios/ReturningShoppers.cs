using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Scenarios;

/// <summary>
/// Shoppers who sign in once and then hold again and again, each time with a new Idempotency-Key, until the item's
/// per-customer limit is used up (then a new shopper signs in). Signing in stays a measured step of its own, and the
/// holds compare with holds: what a comparison with a plain endpoint needs.
/// </summary>
public sealed class ReturningShoppers(int holdsEach)
{
    private readonly ConcurrentBag<Regular> idle = [];

    public int HoldsEach { get; } = holdsEach;

    /// <summary>A signed-in shopper with holds left, or a new one signed in through <paramref name="signIn"/> (null when that failed).</summary>
    public async Task<Regular?> TakeAsync(Func<Task<Shopper?>> signIn)
    {
        if (idle.TryTake(out var regular))
        {
            return regular;
        }
        return await signIn() is { } shopper ? new Regular(shopper, HoldsEach) : null;
    }

    /// <summary>Back in line after one hold (answered or not: an unknown outcome may have used a unit of the limit).</summary>
    public void Return(Regular regular)
    {
        if (--regular.HoldsLeft > 0)
        {
            idle.Add(regular);
        }
    }

    public sealed class Regular(Shopper shopper, int holdsLeft)
    {
        public Shopper Shopper { get; } = shopper;
        public int HoldsLeft { get; set; } = holdsLeft;
    }
}
