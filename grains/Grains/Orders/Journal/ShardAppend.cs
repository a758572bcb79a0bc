namespace FlashSale.Orders;

/// <summary>
/// One group commit of a shard: its journal entry (the batch's events, serialized), the orders it touched, and the
/// ids of the orders it placed (whose Idempotency-Keys it claims).
/// </summary>
public sealed record ShardAppend(string Shard, long Sequence, byte[] Events, IReadOnlyList<Order> Orders, IReadOnlyList<string> Placed);
