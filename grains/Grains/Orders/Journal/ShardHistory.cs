namespace FlashSale.Orders;

/// <summary>A shard as stored: its latest snapshot (if any) and the journal entries after it, oldest first.</summary>
public sealed record ShardHistory(long SnapshotSequence, byte[]? Snapshot, IReadOnlyList<JournalEntry> Entries);
