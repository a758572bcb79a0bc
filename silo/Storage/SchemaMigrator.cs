using System.Data.Common;
using FlashSale.Silo.Settings;

namespace FlashSale.Silo.Storage;

/// <summary>
/// Brings the database to the newest schema version, once per version, safe to run from many silos
/// at once (PostgreSQL: an advisory lock; SQLite: an immediate transaction).
/// </summary>
public sealed class SchemaMigrator(Database database, ILogger<SchemaMigrator> logger)
{
    private const long AdvisoryLockKey = 0x466C61736853616C; // "FlashSal"

    /// <summary>Applies the missing versions; returns their numbers.</summary>
    public async Task<IReadOnlyList<int>> ApplyAsync(CancellationToken cancellationToken)
    {
        var provider = database.Settings.Storage;
        await using var connection = await database.OpenAsync(cancellationToken);
        if (provider == StorageProvider.Sqlite)
        {
            // WAL lets readers run beside the writer; the setting sticks to the file.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (provider == StorageProvider.PostgreSql)
        {
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey});", cancellationToken);
        }
        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS FlashSaleSchema (Version integer PRIMARY KEY, Name varchar(200) NOT NULL, AppliedAt varchar(40) NOT NULL);",
            cancellationToken);

        var applied = new HashSet<int>();
        await using (var read = Command(connection, transaction, "SELECT Version FROM FlashSaleSchema;"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var newlyApplied = new List<int>();
        foreach (var version in SchemaScripts.For(provider).Where(v => !applied.Contains(v.Number)))
        {
            if (version.Ddl.Length > 0)
            {
                await ExecuteAsync(connection, transaction, version.Ddl, cancellationToken);
            }
            foreach (var (key, text) in version.Queries)
            {
                await using var upsert = Command(connection, transaction,
                    "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@key, @text) " +
                    "ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;");
                AddParameter(upsert, "key", key);
                AddParameter(upsert, "text", text);
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var record = Command(connection, transaction,
                "INSERT INTO FlashSaleSchema (Version, Name, AppliedAt) VALUES (@version, @name, @at);");
            AddParameter(record, "version", version.Number);
            AddParameter(record, "name", version.Name);
            AddParameter(record, "at", DateTimeOffset.UtcNow.ToString("O"));
            await record.ExecuteNonQueryAsync(cancellationToken);
            newlyApplied.Add(version.Number);
        }
        await transaction.CommitAsync(cancellationToken);

        foreach (var number in newlyApplied)
        {
            logger.LogInformation("Applied schema version {Version} to {Database}", number, database.Settings.DescribeDatabase());
        }
        return newlyApplied;
    }

    /// <summary>
    /// Waits for the database (an unreachable one is logged, not fatal: the host stays up and not ready),
    /// then applies the schema.
    /// </summary>
    public async Task ApplyWhenReachableAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await ApplyAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (e is DbException or IOException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException
                                      && !cancellationToken.IsCancellationRequested)
            {
                logger.LogError("Database unreachable ({Database}): {Reason}. Not ready; retrying in {Delay} s.",
                    database.Settings.DescribeDatabase(), e.Message, delay.TotalSeconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 10));
            }
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
