using System.Data;
using FlashSale.Orders;
using FlashSale.Silo.Settings;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;
using Orleans.Storage;

namespace FlashSale.Silo.Journal;

/// <summary>
/// The shard journal on PostgreSQL: a shared commit is one transaction with one multi-row insert of journal rows
/// (a taken sequence is skipped and reported) and one multi-row upsert of the winners' orders, both from arrays.
/// </summary>
internal sealed class PostgresShardJournal : IShardJournal, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly Serializer _serializer;
    private readonly SharedCommit _commit;

    public PostgresShardJournal(FlashSaleSettings settings, Serializer serializer)
    {
        // The commit's statement is the same every time: prepared once per connection, not parsed and planned per commit.
        var connectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        if (connectionString.MaxAutoPrepare == 0)
        {
            connectionString.MaxAutoPrepare = 8;
        }
        _source = NpgsqlDataSource.Create(connectionString.ConnectionString);
        _serializer = serializer;
        _commit = new SharedCommit(CommitAsync, writers: 4);
    }

    public async Task<ShardHistory> LoadAsync(string shard)
    {
        await using var connection = await _source.OpenConnectionAsync();
        // One snapshot of the database: a snapshot stored meanwhile cannot hide the entries it replaced.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        long snapshotSequence = 0;
        byte[]? snapshot = null;
        await using (var read = new NpgsqlCommand("SELECT seq, state FROM fs_snapshot WHERE shard = @shard", connection, transaction))
        {
            read.Parameters.AddWithValue("shard", shard);
            await using var reader = await read.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                snapshotSequence = reader.GetInt64(0);
                snapshot = (byte[])reader[1];
            }
        }
        var entries = new List<JournalEntry>();
        await using (var read = new NpgsqlCommand("SELECT seq, events FROM fs_journal WHERE shard = @shard AND seq > @after ORDER BY seq", connection, transaction))
        {
            read.Parameters.AddWithValue("shard", shard);
            read.Parameters.AddWithValue("after", snapshotSequence);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                entries.Add(new JournalEntry(reader.GetInt64(0), (byte[])reader[1]));
            }
        }
        await transaction.CommitAsync();
        return new ShardHistory(snapshotSequence, snapshot, entries);
    }

    public Task AppendAsync(ShardAppend append) => _commit.Append(append);

    public async Task SnapshotAsync(string shard, long sequence, byte[] state)
    {
        await using var connection = await _source.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    "INSERT INTO fs_snapshot (shard, seq, state) VALUES ($1, $2, $3) " +
                    "ON CONFLICT (shard) DO UPDATE SET seq = excluded.seq, state = excluded.state WHERE fs_snapshot.seq < excluded.seq")
                {
                    Parameters = { new() { Value = shard }, new() { Value = sequence }, new() { Value = state } },
                },
                new NpgsqlBatchCommand("DELETE FROM fs_journal WHERE shard = $1 AND seq <= (SELECT seq FROM fs_snapshot WHERE shard = $1)")
                {
                    Parameters = { new() { Value = shard } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync();
    }

    public async Task<Order?> ReadOrderAsync(string orderId)
    {
        await using var read = _source.CreateCommand("SELECT record FROM fs_orders WHERE order_id = $1");
        read.Parameters.Add(new NpgsqlParameter { Value = orderId });
        return await read.ExecuteScalarAsync() is byte[] record ? _serializer.Deserialize<Order>(record) : null;
    }

    public async Task<IReadOnlyList<Order>> ReadOrdersOfAsync(string customerId)
    {
        await using var read = _source.CreateCommand("SELECT record FROM fs_orders WHERE customer_id = $1");
        read.Parameters.Add(new NpgsqlParameter { Value = customerId });
        var orders = new List<Order>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            orders.Add(_serializer.Deserialize<Order>((byte[])reader[0])!);
        }
        return orders;
    }

    /// <summary>
    /// One round trip (fs_commit, in one transaction): claim the new orders' keys, append the journal rows, insert the new
    /// orders and upsert the changed ones. When a key is taken by another order or a sequence by another activation,
    /// nothing is committed and those appends are reported.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, Exception>> CommitAsync(IReadOnlyList<ShardAppend> appends)
    {
        var placed = appends.SelectMany(a => a.Placed).ToArray();
        // New placements first (plain inserts in fs_commit's first pass), then changes of orders that exist.
        var isNew = placed.ToHashSet(StringComparer.Ordinal);
        var orders = appends.SelectMany(a => a.Orders).OrderBy(o => isNew.Contains(o.OrderId) ? 0 : 1).ToArray();
        var newOrders = orders.TakeWhile(o => isNew.Contains(o.OrderId)).Count();
        await using var commit = _source.CreateCommand("SELECT kind, id FROM fs_commit($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
        commit.Parameters.Add(Array(NpgsqlDbType.Text, appends.Select(a => a.Shard)));
        commit.Parameters.Add(Array(NpgsqlDbType.Bigint, appends.Select(a => a.Sequence)));
        commit.Parameters.Add(Array(NpgsqlDbType.Bytea, appends.Select(a => a.Events)));
        commit.Parameters.Add(Array(NpgsqlDbType.Text, placed.Select(OrderKeys.HashOf)));
        commit.Parameters.Add(Array(NpgsqlDbType.Text, placed));
        commit.Parameters.Add(Array(NpgsqlDbType.Text, orders.Select(o => o.OrderId)));
        commit.Parameters.Add(Array(NpgsqlDbType.Text, orders.Select(o => o.CustomerId)));
        commit.Parameters.Add(Array(NpgsqlDbType.Smallint, orders.Select(o => (short)o.Status)));
        commit.Parameters.Add(Array(NpgsqlDbType.Bytea, orders.Select(o => _serializer.SerializeToArray(o))));
        commit.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = newOrders });
        var reused = new HashSet<string>(StringComparer.Ordinal);
        var lost = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await commit.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                (reader.GetString(0) == "key" ? reused : lost).Add(reader.GetString(1));
            }
        }
        var refused = new Dictionary<int, Exception>();
        for (var i = 0; i < appends.Count && (reused.Count > 0 || lost.Count > 0); i++)
        {
            if (appends[i].Placed.Where(reused.Contains).ToList() is { Count: > 0 } taken)
            {
                refused[i] = new KeyTakenException(taken);
            }
            else if (lost.Contains(appends[i].Shard))
            {
                refused[i] = new InconsistentStateException(
                    $"Journal entry {appends[i].Sequence} of shard {appends[i].Shard} was written by another activation.");
            }
        }
        if ((reused.Count > 0 || lost.Count > 0) && refused.Count == 0)
        {
            // Nothing was committed, yet no append is to blame: fail them all rather than acknowledge what is not stored.
            throw new InvalidOperationException($"fs_commit refused keys [{string.Join(", ", reused)}] and shards [{string.Join(", ", lost)}] of no append in this commit.");
        }
        return refused;
    }

    private static NpgsqlParameter Array<T>(NpgsqlDbType type, IEnumerable<T> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values.ToArray() };

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
