using Orleans.Serialization;

namespace FlashSale.Orders;

/// <summary>
/// A grain's side of its journal (stock shards and promo allowance shares alike): loads the state as the latest snapshot
/// plus the entries after it, appends one entry per group commit under the next sequence (a stale activation finds it
/// taken and fails), and stores a snapshot off the acknowledgement path once it is due (<see cref="SnapshotDue"/>): the
/// state is copied in the grain's turn and serialized and stored outside it.
/// </summary>
internal sealed class JournalLog<TState, TEvent>(IShardJournal journal, Serializer serializer, ShardJournalOptions options, string key)
    where TState : class, ISnapshotState<TState>, new()
{
    private ShardHistory? _history;
    private long _sequence;
    private long _snapshotSequence;

    /// <summary>The size of the latest snapshot, and the journal bytes appended since it.</summary>
    private long _snapshotBytes;
    private long _bytesSinceSnapshot;

    /// <summary>A snapshot taken and not yet stored (or failed): the next waits for it.</summary>
    private bool _snapshotPending;

    /// <summary>The state of the latest snapshot (or a new one); <see cref="Replay"/> then applies the entries after it.</summary>
    public async Task<TState> LoadAsync()
    {
        _history = await journal.LoadAsync(key);
        _sequence = _snapshotSequence = _history.SnapshotSequence;
        _snapshotBytes = _history.Snapshot?.Length ?? 0;
        _bytesSinceSnapshot = _history.Entries.Sum(entry => (long)entry.Events.Length);
        return _history.Snapshot is { } snapshot ? serializer.Deserialize<TState>(snapshot)! : new TState();
    }

    public void Replay(Action<TEvent> apply)
    {
        foreach (var entry in _history!.Entries)
        {
            if (entry.Sequence != _sequence + 1)
            {
                throw new InvalidOperationException($"The journal of {key} skips from {_sequence} to {entry.Sequence}.");
            }
            foreach (var change in serializer.Deserialize<List<TEvent>>(entry.Events)!)
            {
                apply(change);
            }
            _sequence = entry.Sequence;
        }
        _history = null;
    }

    /// <summary>
    /// Appends a batch. <paramref name="state"/> must be the state as of exactly these events (it is read before the first
    /// await, for a snapshot when one is due). When some of the batch's new orders reuse a key, <paramref name="onKeyTaken"/>
    /// amends the batch (nothing was written) and it goes again.
    /// </summary>
    public async Task AppendAsync(List<TEvent> events, List<Order> orders, List<string> placed, TState state, Action<KeyTakenException>? onKeyTaken = null)
    {
        var sequence = _sequence + 1;
        // Copied now: the grain changes the state again as soon as this turn awaits.
        var snapshot = SnapshotDue(sequence) ? state.CopyForSnapshot() : null;
        byte[] written;
        while (true)
        {
            try
            {
                written = serializer.SerializeToArray(events);
                await journal.AppendAsync(new ShardAppend(key, sequence, written, orders, placed));
                break;
            }
            catch (KeyTakenException taken) when (onKeyTaken is not null)
            {
                // The amended batch is not the state the snapshot was taken of: no snapshot this time.
                snapshot = null;
                onKeyTaken(taken);
            }
        }
        _sequence = sequence;
        _bytesSinceSnapshot += written.Length;
        if (snapshot is not null)
        {
            _snapshotSequence = sequence;
            _bytesSinceSnapshot = 0;
            _snapshotPending = true;
            _ = StoreSnapshot(sequence, snapshot);
        }
    }

    /// <summary>
    /// Journal bytes per snapshot byte before the next snapshot. (The hold benchmark, alternated: 2 against 1 gave 43,700
    /// and 44,000 holds/s against 39,100 and 39,300; with a code 31,900 and 32,900 against 30,000 and 30,800.)
    /// </summary>
    internal const int JournalPerSnapshot = 2;

    /// <summary>
    /// A snapshot is due after <see cref="ShardJournalOptions.SnapshotEvery"/> appends, once the journal written since the
    /// last one is <see cref="JournalPerSnapshot"/> times as large as it: a shard with many live holds has a snapshot of
    /// megabytes, and writing one every few hundred small appends cost more than the appends (serialized, then compressed by
    /// the database). So snapshots cost at most half the journal's bytes, and recovery reads at most about three times a
    /// snapshot's bytes.
    /// </summary>
    private bool SnapshotDue(long sequence) =>
        !_snapshotPending && sequence - _snapshotSequence >= options.SnapshotEvery && _bytesSinceSnapshot >= JournalPerSnapshot * _snapshotBytes;

    /// <summary>
    /// Off the acknowledgement path and out of the grain's turn (serialized by <see cref="ShardJournalOptions.SerializeSnapshot"/>):
    /// a snapshot that fails to serialize or store only means a longer replay.
    /// </summary>
    private async Task StoreSnapshot(long sequence, TState copy)
    {
        try
        {
            var bytes = await options.SerializeSnapshot(() => serializer.SerializeToArray(copy));
            _snapshotBytes = bytes.Length;
            await journal.SnapshotAsync(key, sequence, bytes);
        }
        catch (Exception)
        {
            // Due again at the next append.
            _snapshotSequence = Math.Min(_snapshotSequence, sequence - options.SnapshotEvery);
            _snapshotBytes = 0;
        }
        finally
        {
            _snapshotPending = false;
        }
    }
}
