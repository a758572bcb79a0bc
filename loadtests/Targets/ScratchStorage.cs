using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Measures;
using Npgsql;

namespace FlashSale.LoadTests.Targets;

/// <summary>
/// Where an in-process silo keeps its state for one run: a fresh SQLite folder, the PostgreSQL database named
/// by <c>ConnectionStrings:FlashSale</c>, or (when none is named) a scratch PostgreSQL database dropped afterwards.
/// </summary>
public sealed class ScratchStorage : IAsyncDisposable
{
    /// <summary>The local role the tests and tools use (tests/postgres.sh creates it).</summary>
    // A loopback connection needs no TLS (both the platform and the SQL baseline use it).
    public const string LocalAdmin = "Host=127.0.0.1;Port=5432;Username=flashsale;Password=flashsale;Database=postgres;SSL Mode=Disable";

    private readonly Func<Task> dispose;

    private ScratchStorage(string describe, string[] siloArgs, string? postgres, Func<Task> dispose, IWrittenBytes writes)
    {
        Writes = writes;
        Describe = describe;
        SiloArgs = siloArgs;
        PostgreSql = postgres;
        this.dispose = dispose;
    }

    public string Describe { get; }
    public string[] SiloArgs { get; }

    /// <summary>What the storage has written so far, for bytes per hold.</summary>
    public IWrittenBytes Writes { get; }

    /// <summary>The PostgreSQL connection string in use, when the storage is PostgreSQL.</summary>
    public string? PostgreSql { get; }

    public static ScratchStorage Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("flashsale-loadtest-").FullName;
        return new ScratchStorage("SQLite (embedded)", ["--FlashSale:Storage:Provider=Sqlite", $"--FlashSale:DataDirectory={folder}"], null, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
            return Task.CompletedTask;
        }, SqliteFiles(Path.Combine(folder, "flashsale.db")));
    }

    public static async Task<ScratchStorage> PostgreSqlAsync(string? configured)
    {
        var folder = Directory.CreateTempSubdirectory("flashsale-loadtest-").FullName;
        string[] Args(string connection) =>
            ["--FlashSale:Storage:Provider=PostgreSql", $"--ConnectionStrings:FlashSale={connection}", $"--FlashSale:DataDirectory={folder}"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var database = new NpgsqlConnectionStringBuilder(configured).Database;
            return new ScratchStorage($"PostgreSQL ({database})", Args(configured), configured, () => Task.CompletedTask, new WalPosition(configured));
        }
        var (scratch, drop) = await CreateDatabaseAsync("flashsale_lt");
        return new ScratchStorage($"PostgreSQL (scratch database {new NpgsqlConnectionStringBuilder(scratch).Database})", Args(scratch), scratch, drop, new WalPosition(scratch));
    }

    /// <summary>
    /// What a platform's storage writes, from how <c>--target-db</c> names it: <c>postgres</c> (the local server), a
    /// PostgreSQL connection string, or the platform's SQLite file.
    /// </summary>
    public static IWrittenBytes WritesOf(string targetDb) =>
        targetDb == "postgres" ? new WalPosition(LocalAdmin)
        : targetDb.Contains('=', StringComparison.Ordinal) ? new WalPosition(targetDb)
        : File.Exists(targetDb) ? SqliteFiles(targetDb)
        : throw new UsageException($"--target-db: '{targetDb}' is neither 'postgres', a PostgreSQL connection string, nor an existing SQLite file.");

    private static FileSizes SqliteFiles(string database) => new("SQLite file + -wal growth", database, database + "-wal");

    /// <summary>A new database on the local server, and how to drop it.</summary>
    public static async Task<(string Connection, Func<Task> Drop)> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 17)];
        await ExecuteAsync(LocalAdmin, $"CREATE DATABASE {name}");
        var connection = new NpgsqlConnectionStringBuilder(LocalAdmin) { Database = name, MaxPoolSize = 100 }.ToString();
        return (connection, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(LocalAdmin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        });
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await dispose();
}
