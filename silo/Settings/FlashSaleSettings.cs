using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FlashSale.Silo.Settings;

/// <summary>The platform's settings, read once from .NET configuration and checked before anything starts.</summary>
public sealed record FlashSaleSettings
{
    public required string DataDirectory { get; init; }
    public required StorageProvider Storage { get; init; }
    public required string ConnectionString { get; init; }
    public required ClusterMode Mode { get; init; }
    public required string ServiceId { get; init; }
    public required string ClusterId { get; init; }
    public required int SiloPort { get; init; }
    public required int GatewayPort { get; init; }
    public required IPAddress AdvertisedAddress { get; init; }

    /// <summary>Rehearsals only: the share of storage writes failed on purpose (0, the default, is off).</summary>
    public double StorageWriteFaults { get; init; }

    /// <summary>The seed of the injected faults, so a rehearsal can be repeated.</summary>
    public int FaultSeed { get; init; } = 1;

    /// <summary>A stock shard stores a snapshot every this many journal appends (recovery replays at most as many).</summary>
    public int JournalSnapshotEvery { get; init; } = 256;

    /// <summary>The ADO.NET invariant Orleans' providers load the driver by.</summary>
    public string Invariant => Storage == StorageProvider.PostgreSql ? "Npgsql" : "System.Data.SQLite";

    /// <summary>The connection string with any password masked, for logs.</summary>
    public string DescribeDatabase() => Storage switch
    {
        StorageProvider.PostgreSql => DescribePostgres(ConnectionString),
        _ => $"SQLite file {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
    };

    public static FlashSaleSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("FlashSale");
        var dataDirectory = Path.GetFullPath(NonEmpty(section, "DataDirectory") ?? "data");
        var storage = ParseEnum(section, "Storage:Provider", StorageProvider.Sqlite);
        var mode = ParseEnum(section, "Cluster:Mode", ClusterMode.Standalone);
        var connectionString = configuration.GetConnectionString("FlashSale");

        if (storage == StorageProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new SettingsException(
                    "ConnectionStrings:FlashSale is required when FlashSale:Storage:Provider is PostgreSql " +
                    "(env ConnectionStrings__FlashSale=\"Host=...;Database=...;Username=...;Password=...\").");
            }
            CheckConnectionString(() => new NpgsqlConnectionStringBuilder(connectionString));
        }
        else
        {
            if (mode == ClusterMode.AdoNet)
            {
                throw new SettingsException(
                    "FlashSale:Cluster:Mode=AdoNet needs FlashSale:Storage:Provider=PostgreSql: an embedded SQLite file cannot be shared by a cluster.");
            }
            connectionString = string.IsNullOrWhiteSpace(connectionString)
                ? new SqliteConnectionStringBuilder
                {
                    DataSource = Path.Combine(dataDirectory, "flashsale.db"),
                    DefaultTimeout = 30,
                    Pooling = true,
                }.ToString()
                : connectionString;
            CheckConnectionString(() => new SqliteConnectionStringBuilder(connectionString));
        }

        return new FlashSaleSettings
        {
            DataDirectory = dataDirectory,
            Storage = storage,
            ConnectionString = connectionString,
            Mode = mode,
            ServiceId = NonEmpty(section, "Cluster:ServiceId") ?? "flashsale",
            ClusterId = NonEmpty(section, "Cluster:ClusterId") ?? "flashsale",
            SiloPort = ParsePort(section, "Cluster:SiloPort", 11111),
            GatewayPort = ParsePort(section, "Cluster:GatewayPort", 30000),
            AdvertisedAddress = ParseAddress(section, "Cluster:AdvertisedAddress", IPAddress.Loopback),
            StorageWriteFaults = ParseShare(section, "Faults:StorageWrites"),
            FaultSeed = ParseInt(section, "Faults:Seed", 1),
            JournalSnapshotEvery = ParseInt(section, "Journal:SnapshotEvery", 256) is var every and >= 1 and <= 100_000
                ? every
                : throw new SettingsException("FlashSale:Journal:SnapshotEvery must be from 1 to 100000 (journal appends between snapshots)."),
        };

        void CheckConnectionString(Func<object> parse)
        {
            try
            {
                parse();
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new SettingsException($"ConnectionStrings:FlashSale is not a valid {storage} connection string: {e.Message}");
            }
        }
    }

    private static string? NonEmpty(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static TEnum ParseEnum<TEnum>(IConfigurationSection section, string key, TEnum fallback)
        where TEnum : struct, Enum
    {
        var raw = NonEmpty(section, key);
        if (raw is null)
        {
            return fallback;
        }
        return Enum.TryParse<TEnum>(raw, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(raw, out _)
            ? value
            : throw new SettingsException(
                $"FlashSale:{key} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}, not '{raw}'.");
    }

    private static int ParsePort(IConfigurationSection section, string key, int fallback)
    {
        var raw = NonEmpty(section, key);
        if (raw is null)
        {
            return fallback;
        }
        return int.TryParse(raw, out var port) && port is > 0 and < 65536
            ? port
            : throw new SettingsException($"FlashSale:{key} must be a TCP port (1-65535), not '{raw}'.");
    }

    private static double ParseShare(IConfigurationSection section, string key)
    {
        var raw = NonEmpty(section, key);
        if (raw is null)
        {
            return 0;
        }
        return double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 0.5
            ? share
            : throw new SettingsException($"FlashSale:{key} must be a share of writes from 0 to 0.5 (0.05 fails one in twenty), not '{raw}'.");
    }

    private static int ParseInt(IConfigurationSection section, string key, int fallback)
    {
        var raw = NonEmpty(section, key);
        if (raw is null)
        {
            return fallback;
        }
        return int.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new SettingsException($"FlashSale:{key} must be a whole number, not '{raw}'.");
    }

    private static IPAddress ParseAddress(IConfigurationSection section, string key, IPAddress fallback)
    {
        var raw = NonEmpty(section, key);
        if (raw is null)
        {
            return fallback;
        }
        return IPAddress.TryParse(raw, out var address)
            ? address
            : throw new SettingsException($"FlashSale:{key} must be an IP address, not '{raw}'.");
    }

    private static string DescribePostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database} as {builder.Username}";
    }
}
