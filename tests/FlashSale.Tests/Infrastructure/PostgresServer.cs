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

    /// <summary>
    /// Crashes the server as a power cut would: "-m immediate" ends every process without a checkpoint, so the next start
    /// replays the write-ahead log. Runs pg_ctlcluster (as root, or through sudo).
    /// </summary>
    public static Task StopImmediatelyAsync() => ControlAsync("stop", "-m", "immediate");

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public static async Task StartAsync()
    {
        await ControlAsync("start");
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                return true;
            }
            catch (NpgsqlException)
            {
                return false;
            }
        }, "PostgreSQL accepts connections again", TimeSpan.FromMinutes(1));
    }

    private static async Task ControlAsync(params string[] args)
    {
        var (version, cluster) = await ClusterAsync();
        var asRoot = Environment.UserName == "root";
        var start = new System.Diagnostics.ProcessStartInfo(asRoot ? "pg_ctlcluster" : "sudo") { RedirectStandardError = true };
        foreach (var arg in (asRoot ? [] : new[] { "-n", "pg_ctlcluster" }).Concat([version, cluster, .. args]))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_ctlcluster {string.Join(' ', args)} failed: {error}");
    }

    /// <summary>The local cluster on the port the tests use (tests/postgres.sh starts it).</summary>
    private static async Task<(string Version, string Name)> ClusterAsync()
    {
        var port = new NpgsqlConnectionStringBuilder(AdminConnectionString).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pg_lsclusters", "-h") { RedirectStandardOutput = true })!;
        var lines = (await process.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await process.WaitForExitAsync();
        var fields = lines.Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).First(f => f.Length > 2 && f[2] == port);
        return (fields[0], fields[1]);
    }

    public static async Task<string> CreateDatabaseAsync()
    {
        // When it was made, so that another run's clean-up (tests/postgres.sh) leaves a database in use alone.
        var name = $"flashsale_test_{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}_{Guid.NewGuid():N}";
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
