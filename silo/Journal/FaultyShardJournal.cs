using FlashSale.Orders;
using FlashSale.Silo.Faults;

namespace FlashSale.Silo.Journal;

/// <summary>Rehearsals: fails the journal appends <see cref="IStorageFaults"/> picks, before the commit or after it with the reply lost.</summary>
internal sealed class FaultyShardJournal(IShardJournal inner, IStorageFaults faults) : IShardJournal
{
    public Task<ShardHistory> LoadAsync(string shard) => inner.LoadAsync(shard);

    public async Task AppendAsync(ShardAppend append)
    {
        var fault = faults.Next();
        if (fault == FaultPoint.BeforeCommit)
        {
            throw new InjectedStorageFaultException("Injected storage fault: the journal append failed before reaching the database.");
        }
        await inner.AppendAsync(append);
        if (fault == FaultPoint.AfterCommit)
        {
            throw new InjectedStorageFaultException("Injected storage fault: the journal append committed but its reply was lost.");
        }
    }

    public Task SnapshotAsync(string shard, long sequence, byte[] state) => inner.SnapshotAsync(shard, sequence, state);

    public Task<Order?> ReadOrderAsync(string orderId) => inner.ReadOrderAsync(orderId);

    public Task<IReadOnlyList<Order>> ReadOrdersOfAsync(string customerId) => inner.ReadOrdersOfAsync(customerId);
}
