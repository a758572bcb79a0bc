using System.Data;
using FlashSale.Orders;
using FlashSale.Silo.Settings;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;

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

    private async Task<IReadOnlySet<int>> CommitAsync(IReadOnlyList<ShardAppend> appends)
    {
        await using var connection = await _source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
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
        var orders = appends.Where(a => written.Contains((a.Shard, a.Sequence))).SelectMany(a => a.Orders).ToList();
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
        return appends.Select((a, i) => (a, i)).Where(x => !written.Contains((x.a.Shard, x.a.Sequence))).Select(x => x.i).ToHashSet();
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
