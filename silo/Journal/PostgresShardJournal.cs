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
        _source = NpgsqlDataSource.Create(settings.ConnectionString);
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
    /// One transaction: claim the new orders' keys, append the journal rows, upsert the orders. When a key is taken by
    /// another order or a sequence by another activation, nothing is committed and those appends are reported.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, Exception>> CommitAsync(IReadOnlyList<ShardAppend> appends)
    {
        await using var connection = await _source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var refused = new Dictionary<int, Exception>();
        var placed = appends.SelectMany(a => a.Placed).ToArray();
        if (placed.Length > 0)
        {
            await using var claim = new NpgsqlCommand(
                "WITH claimed AS (INSERT INTO fs_order_keys (key_hash, order_id) SELECT * FROM unnest(@keys, @orders) ON CONFLICT DO NOTHING RETURNING key_hash) " +
                "SELECT u.order_id FROM unnest(@keys, @orders) AS u(key_hash, order_id) " +
                "WHERE u.key_hash NOT IN (SELECT key_hash FROM claimed) " +
                "AND NOT EXISTS (SELECT 1 FROM fs_order_keys k WHERE k.key_hash = u.key_hash AND k.order_id = u.order_id)",
                connection, transaction);
            claim.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = placed.Select(OrderKeys.HashOf).ToArray() });
            claim.Parameters.Add(new NpgsqlParameter("orders", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = placed });
            var taken = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await claim.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    taken.Add(reader.GetString(0));
                }
            }
            for (var i = 0; i < appends.Count && taken.Count > 0; i++)
            {
                if (appends[i].Placed.Where(taken.Contains).ToList() is { Count: > 0 } reused)
                {
                    refused[i] = new KeyTakenException(reused);
                }
            }
        }
        var written = new HashSet<(string, long)>();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO fs_journal (shard, seq, events) SELECT * FROM unnest(@shards, @seqs, @events) ON CONFLICT DO NOTHING RETURNING shard, seq",
            connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter("shards", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = appends.Select(a => a.Shard).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = appends.Select(a => a.Sequence).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter("events", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = appends.Select(a => a.Events).ToArray() });
            await using var reader = await insert.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                written.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }
        for (var i = 0; i < appends.Count; i++)
        {
            if (!written.Contains((appends[i].Shard, appends[i].Sequence)))
            {
                refused.TryAdd(i, new InconsistentStateException(
                    $"Journal entry {appends[i].Sequence} of shard {appends[i].Shard} was written by another activation."));
            }
        }
        if (refused.Count > 0)
        {
            await transaction.RollbackAsync();
            return refused;
        }
        var orders = appends.SelectMany(a => a.Orders).ToList();
        if (orders.Count > 0)
        {
            await using var upsert = new NpgsqlCommand(
                "INSERT INTO fs_orders (order_id, customer_id, status, record) SELECT * FROM unnest(@ids, @customers, @statuses, @records) " +
                "ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, record = excluded.record",
                connection, transaction);
            upsert.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = orders.Select(o => o.OrderId).ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter("customers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = orders.Select(o => o.CustomerId).ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter("statuses", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = orders.Select(o => (short)o.Status).ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter("records", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = orders.Select(o => _serializer.SerializeToArray(o)).ToArray() });
            await upsert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return refused;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
