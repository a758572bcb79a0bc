using System.Data.Common;
using FlashSale.Silo.Settings;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FlashSale.Silo.Storage;

/// <summary>Opens connections to the configured database, for the schema step and health checks.</summary>
public sealed class Database(FlashSaleSettings settings)
{
    public FlashSaleSettings Settings => settings;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = settings.Storage switch
        {
            StorageProvider.PostgreSql => new NpgsqlConnection(settings.ConnectionString),
            _ => OpenSqliteFile(),
        };
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private SqliteConnection OpenSqliteFile()
    {
        var file = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        return new SqliteConnection(settings.ConnectionString);
    }
}
