using System.Security.Cryptography;

namespace FlashSale.Promos;

internal sealed class PromoBatchGrain(
    [PersistentState("promo-batch", StorageNames.Main)] IPersistentState<PromoBatchState> stored) : Grain, IPromoBatchGrain
{
    public async Task<string?> Begin(PromoBatch batch)
    {
        if (stored.State.Batch is { } earlier)
        {
            return earlier.SameAs(batch) ? stored.State.Seed : null;
        }
        stored.State.Batch = batch;
        stored.State.Seed = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await stored.WriteStateOrDeactivate(this);
        return stored.State.Seed;
    }
}
