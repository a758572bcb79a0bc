namespace FlashSale.Orders;

/// <summary>
/// A journal append refused because some of its new orders came with an Idempotency-Key that already placed another
/// order (for another item). Nothing of the append was written; the shard drops those orders and appends again.
/// </summary>
public sealed class KeyTakenException(IReadOnlyList<string> orderIds)
    : Exception($"{orderIds.Count} order(s) reuse an Idempotency-Key that placed another order.")
{
    public IReadOnlyList<string> OrderIds { get; } = orderIds;
}
