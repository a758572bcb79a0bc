using FlashSale.Orders;
using FlashSale.Silo.Settings;
using Microsoft.Data.Sqlite;
using Orleans.Serialization;
using Orleans.Storage;

namespace FlashSale.Silo.Journal;

/// <summary>
/// The shard journal in the embedded SQLite file: one writer (SQLite has one at a time), each shared commit one
/// immediate transaction of prepared inserts; reads on their own connections beside it (WAL).
/// </summary>
internal sealed class SqliteShardJournal(FlashSaleSettings settings, Serializer serializer) : IShardJournal
{
    private readonly SharedCommit _commit = new((appends) => CommitAsync(settings, serializer, appends), writers: 1);

    public async Task<ShardHistory> LoadAsync(string shard)
    {
        await using var connection = await OpenAsync(settings);
        await using var transaction = connection.BeginTransaction(deferred: true);
        long snapshotSequence = 0;
        byte[]? snapshot = null;
        await using (var read = Command(connection, transaction, "SELECT seq, state FROM fs_snapshot WHERE shard = $shard", ("$shard", shard)))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            if (await reader.ReadAsync())
            {
                snapshotSequence = reader.GetInt64(0);
                snapshot = (byte[])reader[1];
            }
        }
        var entries = new List<JournalEntry>();
        await using (var read = Command(connection, transaction, "SELECT seq, events FROM fs_journal WHERE shard = $shard AND seq > $after ORDER BY seq",
            ("$shard", shard), ("$after", snapshotSequence)))
        await using (var reader = await read.ExecuteReaderAsync())
        {
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
        await using var connection = await OpenAsync(settings);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using (var store = Command(connection, transaction,
            "INSERT INTO fs_snapshot (shard, seq, state) VALUES ($shard, $seq, $state) " +
            "ON CONFLICT (shard) DO UPDATE SET seq = excluded.seq, state = excluded.state WHERE fs_snapshot.seq < excluded.seq",
            ("$shard", shard), ("$seq", sequence), ("$state", state)))
        {
            await store.ExecuteNonQueryAsync();
        }
        await using (var trim = Command(connection, transaction,
            "DELETE FROM fs_journal WHERE shard = $shard AND seq <= (SELECT seq FROM fs_snapshot WHERE shard = $shard)", ("$shard", shard)))
        {
            await trim.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    public async Task<Order?> ReadOrderAsync(string orderId)
    {
        await using var connection = await OpenAsync(settings);
        await using var read = Command(connection, null, "SELECT record FROM fs_orders WHERE order_id = $id", ("$id", orderId));
        return await read.ExecuteScalarAsync() is byte[] record ? serializer.Deserialize<Order>(record) : null;
    }

    public async Task<IReadOnlyList<Order>> ReadOrdersOfAsync(string customerId)
    {
        await using var connection = await OpenAsync(settings);
        await using var read = Command(connection, null, "SELECT record FROM fs_orders WHERE customer_id = $customer", ("$customer", customerId));
        var orders = new List<Order>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            orders.Add(serializer.Deserialize<Order>((byte[])reader[0])!);
        }
        return orders;
    }

    /// <summary>
    /// One transaction of prepared statements: per append, claim the new orders' keys, append the journal row, upsert
    /// the orders. When a key is taken by another order or a sequence by another activation, nothing is committed.
    /// </summary>
    private static async Task<IReadOnlyDictionary<int, Exception>> CommitAsync(FlashSaleSettings settings, Serializer serializer, IReadOnlyList<ShardAppend> appends)
    {
        await using var connection = await OpenAsync(settings);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var claim = Command(connection, transaction,
            "INSERT INTO fs_order_keys (key_hash, order_id) VALUES ($key, $order) ON CONFLICT DO NOTHING", ("$key", ""), ("$order", ""));
        await using var claimant = Command(connection, transaction, "SELECT order_id FROM fs_order_keys WHERE key_hash = $key", ("$key", ""));
        await using var insert = Command(connection, transaction,
            "INSERT INTO fs_journal (shard, seq, events) SELECT $shard, $seq, $events " +
            // A sequence a snapshot covers is taken too: its row was deleted with the snapshot, and a stale activation's
            // append there would be acknowledged and never read back.
            "WHERE NOT EXISTS (SELECT 1 FROM fs_snapshot WHERE shard = $shard AND seq >= $seq) ON CONFLICT DO NOTHING",
            ("$shard", ""), ("$seq", 0L), ("$events", Array.Empty<byte>()));
        await using var upsert = Command(connection, transaction,
            "INSERT INTO fs_orders (order_id, customer_id, status, record) VALUES ($id, $customer, $status, $record) " +
            "ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, record = excluded.record",
            ("$id", ""), ("$customer", ""), ("$status", 0), ("$record", Array.Empty<byte>()));
        var refused = new Dictionary<int, Exception>();
        for (var i = 0; i < appends.Count; i++)
        {
            var append = appends[i];
            var reused = new List<string>();
            foreach (var orderId in append.Placed)
            {
                claim.Parameters["$key"].Value = claimant.Parameters["$key"].Value = OrderKeys.HashOf(orderId);
                claim.Parameters["$order"].Value = orderId;
                if (await claim.ExecuteNonQueryAsync() == 0 && (string?)await claimant.ExecuteScalarAsync() != orderId)
                {
                    reused.Add(orderId);
                }
            }
            if (reused.Count > 0)
            {
                refused[i] = new KeyTakenException(reused);
                continue;
            }
            insert.Parameters["$shard"].Value = append.Shard;
            insert.Parameters["$seq"].Value = append.Sequence;
            insert.Parameters["$events"].Value = append.Events;
            if (await insert.ExecuteNonQueryAsync() == 0)
            {
                refused[i] = new InconsistentStateException($"Journal entry {append.Sequence} of shard {append.Shard} was written by another activation.");
                continue;
            }
            foreach (var order in append.Orders)
            {
                upsert.Parameters["$id"].Value = order.OrderId;
                upsert.Parameters["$customer"].Value = order.CustomerId;
                upsert.Parameters["$status"].Value = (int)order.Status;
                upsert.Parameters["$record"].Value = serializer.SerializeToArray(order);
                await upsert.ExecuteNonQueryAsync();
            }
        }
        if (refused.Count > 0)
        {
            await transaction.RollbackAsync();
            return refused;
        }
        await transaction.CommitAsync();
        return refused;
    }

    private static async Task<SqliteConnection> OpenAsync(FlashSaleSettings settings)
    {
        var connection = new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
