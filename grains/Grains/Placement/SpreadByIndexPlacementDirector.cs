using System.IO.Hashing;
using System.Text;
using Orleans.Runtime.Placement;

namespace FlashSale.Placement;

/// <summary>
/// Shard <c>index</c> of group <c>g</c> goes to silo <c>(hash(g) + index) mod n</c> of the compatible silos in a stable
/// order: the shards of one group land on as many silos as there are, and different groups start on different silos.
/// A key without a numeric last part is placed by its hash alone.
/// </summary>
public sealed class SpreadByIndexPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).OrderBy(s => s.Endpoint.ToString(), StringComparer.Ordinal).ThenBy(s => s.Generation).ToArray();
        var key = target.GrainIdentity.Key.ToString();
        var slash = key.LastIndexOf('/');
        var (group, index) = slash > 0 && int.TryParse(key.AsSpan(slash + 1), out var n) && n >= 0 ? (key[..slash], n) : (key, 0);
        var start = XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(group));
        return Task.FromResult(silos[(int)((start + (uint)index) % (uint)silos.Length)]);
    }
}
