namespace FlashSale.Orders;

/// <summary>
/// A journaled grain's state that can hand out a copy of itself for a snapshot: the copy is taken in the grain's turn
/// (its collections copied, the immutable records in them shared) and serialized off it, while the grain goes on
/// changing the original.
/// </summary>
public interface ISnapshotState<out TState>
{
    /// <summary>A copy that no later change of this state reaches.</summary>
    TState CopyForSnapshot();
}
