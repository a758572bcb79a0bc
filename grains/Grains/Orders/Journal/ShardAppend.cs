namespace FlashSale.Orders;

/// <summary>One group commit of a shard: its journal entry (the batch's events, serialized) and the orders it touched.</summary>
public sealed record ShardAppend(string Shard, long Sequence, byte[] Events, IReadOnlyList<Order> Orders);
