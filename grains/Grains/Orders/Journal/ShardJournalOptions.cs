namespace FlashSale.Orders;

/// <summary>How often a stock shard stores a snapshot: every <see cref="SnapshotEvery"/> journal appends (FlashSale:Journal:SnapshotEvery).</summary>
public sealed record ShardJournalOptions(int SnapshotEvery)
{
    /// <summary>
    /// Runs a snapshot's serialization: on the thread pool, so a shard with hundreds of thousands of live holds does
    /// not stop answering while its snapshot is written (the ledger simulation runs it at once, to stay deterministic).
    /// </summary>
    public Func<Func<byte[]>, Task<byte[]>> SerializeSnapshot { get; init; } = Task.Run;
}
