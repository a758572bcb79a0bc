using Npgsql;

namespace FlashSale.LoadTests.Measures;

/// <summary>
/// PostgreSQL's write-ahead log position: every committed change passes through it, so its advance is what the
/// server wrote. It is the whole server's: anything else writing to the same server counts too.
/// </summary>
public sealed class WalPosition(string connectionString) : IWrittenBytes
{
    public string What => "PostgreSQL WAL (whole server)";

    public async Task<long> ReadAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
