namespace FlashSale.Placement;

/// <summary>
/// Places the numbered shards of one thing (an item's stock shards, a code's allowance shares) on consecutive silos, so
/// a hot item's shards are spread over the cluster instead of following the first caller to one silo.
/// </summary>
[Serializable, GenerateSerializer, Immutable, Alias("flashsale.spread-by-index")]
public sealed class SpreadByIndexPlacement : PlacementStrategy
{
    public static readonly SpreadByIndexPlacement Instance = new();
}
