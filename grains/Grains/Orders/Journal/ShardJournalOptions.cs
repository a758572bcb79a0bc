namespace FlashSale.Orders;

/// <summary>How often a stock shard stores a snapshot: every <see cref="SnapshotEvery"/> journal appends (FlashSale:Journal:SnapshotEvery).</summary>
public sealed record ShardJournalOptions(int SnapshotEvery);
