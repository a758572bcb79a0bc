using System.Data.Common;
using FlashSale.Silo.Settings;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace FlashSale.Tests.Infrastructure;

/// <summary>A fresh, empty place for the platform's data: a temp folder (SQLite) or a new database (PostgreSQL).</summary>
public sealed class Store : IAsyncDisposable
{
    private Store(Backend backend, string dataDirectory, string? connectionString)
    {
        Backend = backend;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
    }

    public Backend Backend { get; }
    public string DataDirectory { get; }
    public string? ConnectionString { get; }

    public static async Task<Store> CreateAsync(Backend backend)
    {
        var folder = Directory.CreateTempSubdirectory("flashsale-test-").FullName;
        var connectionString = backend == Backend.PostgreSql ? await PostgresServer.CreateDatabaseAsync() : null;
        return new Store(backend, folder, connectionString);
    }

    /// <summary>Command-line settings that point a host at this store (a store that starts empty: no demo store).</summary>
    public List<string> Args()
    {
        var args = new List<string> { $"--FlashSale:DataDirectory={DataDirectory}", $"--FlashSale:Storage:Provider={Backend}", "--FlashSale:Demo=false" };
        if (ConnectionString is not null)
        {
            args.Add($"--ConnectionStrings:FlashSale={ConnectionString}");
        }
        return args;
    }

    public FlashSaleSettings Settings(params string[] extra) =>
        FlashSaleSettings.From(new ConfigurationBuilder().AddCommandLine([.. Args(), .. extra]).Build());

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Backend == Backend.PostgreSql
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection(Settings().ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (ConnectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a stopping host: the temp folder is cleaned by the OS.
        }
    }
}
