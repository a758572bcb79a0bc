namespace FlashSale.Promos;

/// <summary>
/// A batch of codes asked for under one Idempotency-Key (keyed by the key's hash): it keeps the batch and a random
/// seed the codes are drawn from, so a retry makes the same codes again (and creates the ones a failed attempt missed).
/// </summary>
[Alias("flashsale.promo-batch-grain")]
public interface IPromoBatchGrain : IGrainWithStringKey
{
    /// <summary>The seed of the batch (recorded on the first call); null when the key was used for another batch.</summary>
    [Alias("begin")]
    Task<string?> Begin(PromoBatch batch);
}
