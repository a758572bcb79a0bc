namespace FlashSale.Orders;

/// <summary>
/// Where stock shards keep their history and orders: one journal append per group commit (the batch's events and
/// the rows of the orders it touched, in one transaction), snapshots now and then, and the orders table to read.
/// An append whose sequence is taken (a stale activation) fails with <c>InconsistentStateException</c>.
/// </summary>
public interface IShardJournal
{
    Task<ShardHistory> LoadAsync(string shard);

    Task AppendAsync(ShardAppend append);

    /// <summary>Stores the shard's state as of <paramref name="sequence"/> and drops the journal entries it covers.</summary>
    Task SnapshotAsync(string shard, long sequence, byte[] state);

    Task<Order?> ReadOrderAsync(string orderId);

    Task<IReadOnlyList<Order>> ReadOrdersOfAsync(string customerId);
}
