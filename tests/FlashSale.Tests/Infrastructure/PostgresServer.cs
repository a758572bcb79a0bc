using Npgsql;

namespace FlashSale.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the test command starts (tests/run.sh). Each store gets a database of its
/// own, so tests never see each other's data.
/// </summary>
public static class PostgresServer
{
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("FLASHSALE_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=flashsale;Password=flashsale;Database=postgres";

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"flashsale_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, MaxPoolSize = 20 }.ToString();
    }

    /// <summary>Drops a test database; one that cannot be dropped now is left for the next run's clean-up (tests/postgres.sh).</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException)
        {
        }
    }
}
