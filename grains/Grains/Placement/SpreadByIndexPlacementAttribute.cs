using Orleans.Placement;

namespace FlashSale.Placement;

/// <summary>For grains keyed "group/index": shard <c>index</c> of a group goes to the group's first silo plus <c>index</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SpreadByIndexPlacementAttribute : PlacementAttribute
{
    public SpreadByIndexPlacementAttribute() : base(SpreadByIndexPlacement.Instance)
    {
    }
}
