using FlashSale.Orders;
using Orleans.Storage;

namespace FlashSale.UnitTests.Simulation;

/// <summary>Where a simulated storage write fails: not at all, before it reaches storage, or after it committed with the reply lost.</summary>
public enum StorageFault
{
    None,
    BeforeCommit,
    AfterCommit,
}

/// <summary>
/// The shard journal's contract in memory, with no real time and no threads (every call completes before it returns):
/// unique (shard, sequence) so a stale writer's append fails, Idempotency-Key claims so a key that placed another order
/// refuses the append (nothing written), order rows upserted in the same commit, snapshots that only move forward and
/// drop the entries they cover. Faults come from <see cref="NextFault"/>, drawn by the simulation from its seed.
/// </summary>
/// <param name="acceptsCoveredSequences">
/// Behave as the SQL journals do today: an append whose sequence a snapshot covers (its row deleted) is accepted, so a
/// stale copy's write lands where no load reads it (found by this simulation, seed 40; see README "Simulation").
/// </param>
internal sealed class SimulatedJournal(Func<StorageFault> nextAppendFault, Func<bool> nextSnapshotFails, Action<string> note, bool acceptsCoveredSequences = false)
    : IShardJournal
{
    private readonly Dictionary<string, SortedDictionary<long, byte[]>> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Sequence, byte[] State)> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Order> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    public int Appends { get; private set; }
    public int FaultsBefore { get; private set; }
    public int FaultsAfter { get; private set; }
    public int Snapshots { get; private set; }
    public int KeysTaken { get; private set; }

        public Task<ShardHistory> LoadAsync(string shard)
    {
        var (sequence, state) = _snapshots.GetValueOrDefault(shard);
        var entries = _entries.TryGetValue(shard, out var all)
            ? all.Where(e => e.Key > sequence).Select(e => new JournalEntry(e.Key, e.Value)).ToList()
            : [];
        return Task.FromResult(new ShardHistory(sequence, state, entries));
    }

    public Task AppendAsync(ShardAppend append)
    {
        var fault = nextAppendFault();
        if (fault == StorageFault.BeforeCommit)
        {
            FaultsBefore++;
            note($"  journal: {append.Shard}#{append.Sequence} fails before commit");
            return Task.FromException(new SimulatedStorageException($"append {append.Shard}#{append.Sequence} failed before commit"));
        }
        var reused = append.Placed.Where(id => _keys.TryGetValue(OrderKeys.HashOf(id), out var owner) && owner != id).ToList();
        if (reused.Count > 0)
        {
            KeysTaken++;
            note($"  journal: {append.Shard}#{append.Sequence} refused, a key is taken");
            return Task.FromException(new KeyTakenException(reused));
        }
        var entries = EntriesOf(append.Shard);
        // The contract: a sequence already written (or covered by a snapshot, its entry deleted) is taken.
        if (entries.ContainsKey(append.Sequence) || (!acceptsCoveredSequences && append.Sequence <= _snapshots.GetValueOrDefault(append.Shard).Sequence))
        {
            note($"  journal: {append.Shard}#{append.Sequence} refused, the sequence is taken");
            return Task.FromException(new InconsistentStateException($"Journal entry {append.Sequence} of shard {append.Shard} was written by another activation."));
        }
        entries[append.Sequence] = append.Events;
        foreach (var id in append.Placed)
        {
            _keys.TryAdd(OrderKeys.HashOf(id), id);
        }
        foreach (var order in append.Orders)
        {
            _orders[order.OrderId] = order;
        }
        Appends++;
        note($"  journal: {append.Shard}#{append.Sequence} written{(fault == StorageFault.AfterCommit ? ", reply lost" : "")}");
        if (fault == StorageFault.AfterCommit)
        {
            FaultsAfter++;
            return Task.FromException(new SimulatedStorageException($"append {append.Shard}#{append.Sequence} committed, reply lost"));
        }
        return Task.CompletedTask;
    }

    public Task SnapshotAsync(string shard, long sequence, byte[] state)
    {
        if (nextSnapshotFails())
        {
            note($"  journal: {shard} snapshot at #{sequence} fails");
            return Task.FromException(new SimulatedStorageException($"snapshot {shard}#{sequence} failed"));
        }
        if (sequence > _snapshots.GetValueOrDefault(shard).Sequence)
        {
            _snapshots[shard] = (sequence, state);
            Snapshots++;
            note($"  journal: {shard} snapshot at #{sequence}");
        }
        var covered = _snapshots[shard].Sequence;
        var entries = EntriesOf(shard);
        foreach (var old in entries.Keys.Where(s => s <= covered).ToList())
        {
            entries.Remove(old);
        }
        return Task.CompletedTask;
    }

    public Task<Order?> ReadOrderAsync(string orderId) => Task.FromResult(_orders.GetValueOrDefault(orderId));

    public Task<IReadOnlyList<Order>> ReadOrdersOfAsync(string customerId) =>
        Task.FromResult<IReadOnlyList<Order>>([.. _orders.Values.Where(o => o.CustomerId == customerId).OrderBy(o => o.OrderId, StringComparer.Ordinal)]);

    /// <summary>Another item's order claimed this key first (the same customer and Idempotency-Key used for another item).</summary>
    public void ClaimForAnotherItem(string orderId) => _keys.TryAdd(OrderKeys.HashOf(orderId), orderId);

    private SortedDictionary<long, byte[]> EntriesOf(string shard)
    {
        if (!_entries.TryGetValue(shard, out var entries))
        {
            _entries[shard] = entries = [];
        }
        return entries;
    }
}
