using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Targets;
using Npgsql;

namespace FlashSale.LoadTests.Baselines;

/// <summary>
/// The purchase a developer writes without us: one PostgreSQL transaction per purchase that decrements the stock
/// row guarded by <c>qty &gt; 0</c> and inserts the order row. Every buyer of a hot item queues on that row's lock.
/// </summary>
public sealed class SqlPurchaseBaseline : IAsyncDisposable
{
    private readonly string connection;
    private readonly string schema;
    private readonly Func<Task> dropDatabase;
    private readonly IReadOnlyDictionary<string, int> stock;

    private SqlPurchaseBaseline(string connection, string schema, IReadOnlyDictionary<string, int> stock, Func<Task> dropDatabase)
    {
        this.connection = connection;
        this.schema = schema;
        this.stock = stock;
        this.dropDatabase = dropDatabase;
    }

    public string Describe { get; private init; } = "";

    /// <param name="configured">A PostgreSQL connection string to use (tables in a schema of their own); null: a scratch database on the local server.</param>
    public static async Task<SqlPurchaseBaseline> CreateAsync(string? configured, IReadOnlyDictionary<string, int> stock)
    {
        var (connection, drop) = configured is null ? await ScratchStorage.CreateDatabaseAsync("flashsale_baseline") : (configured, () => Task.CompletedTask);
        var schema = $"naive_{Guid.NewGuid():N}"[..18];
        var rows = string.Join(", ", stock.Select(s => $"('{s.Key}', {s.Value})"));
        await ScratchStorage.ExecuteAsync(connection,
            $"CREATE SCHEMA {schema}; " +
            $"CREATE TABLE {schema}.stock (sku text PRIMARY KEY, qty int NOT NULL); " +
            $"CREATE TABLE {schema}.orders (id bigserial PRIMARY KEY, sku text NOT NULL, customer text NOT NULL, at timestamptz NOT NULL DEFAULT now()); " +
            $"INSERT INTO {schema}.stock VALUES {rows};");
        return new SqlPurchaseBaseline(connection, schema, stock, drop)
        {
            Describe = $"SQL row-lock purchase on PostgreSQL ({new NpgsqlConnectionStringBuilder(connection).Database}, schema {schema})",
        };
    }

    public async Task<Answer> PurchaseAsync(string sku, string customer)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var transaction = await db.BeginTransactionAsync();
        await using var decrement = new NpgsqlCommand($"UPDATE {schema}.stock SET qty = qty - 1 WHERE sku = @sku AND qty > 0", db, transaction);
        decrement.Parameters.AddWithValue("sku", sku);
        if (await decrement.ExecuteNonQueryAsync() == 0)
        {
            await transaction.RollbackAsync();
            return new Answer(409, "sold-out");
        }
        await using var order = new NpgsqlCommand($"INSERT INTO {schema}.orders (sku, customer) VALUES (@sku, @customer)", db, transaction);
        order.Parameters.AddWithValue("sku", sku);
        order.Parameters.AddWithValue("customer", customer);
        await order.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return new Answer(201);
    }

    /// <summary>The baseline's own invariant: for every item, units left plus orders equal the stock, and nothing below zero.</summary>
    public async Task<(bool Holds, string Detail)> CheckAsync()
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT s.sku, s.qty, (SELECT count(*) FROM {schema}.orders o WHERE o.sku = s.sku) FROM {schema}.stock s", db);
        await using var reader = await command.ExecuteReaderAsync();
        var broken = new List<string>();
        long orders = 0;
        while (await reader.ReadAsync())
        {
            var (sku, qty, count) = (reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2));
            orders += count;
            if (qty < 0 || qty + count != stock[sku])
            {
                broken.Add($"{sku}: {qty} left + {count} orders != {stock[sku]}");
            }
        }
        return (broken.Count == 0, broken.Count == 0 ? $"{orders:N0} orders, left + ordered == stock for every item" : string.Join("; ", broken.Take(5)));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ScratchStorage.ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
        finally
        {
            await dropDatabase();
        }
    }
}
