using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Measures;
using FlashSale.LoadTests.Targets;
using Npgsql;

namespace FlashSale.LoadTests.Baselines;

/// <summary>
/// The purchase a competent developer writes without us: one prepared statement per purchase, committed on its own,
/// that decrements the item's stock row guarded by <c>qty &gt;= quantity</c>, counts the customer's units against the
/// limit (a CHECK constraint) and inserts the order under its id (the primary key: a repeat is the same order).
/// Connections come from a pool sized to the machine; callers beyond it wait their turn instead of failing. Every
/// buyer of a hot item still queues on that item's row lock, and every purchase is a commit of its own.
/// </summary>
public sealed class SqlPurchaseBaseline : PurchaseBaseline
{
    private readonly NpgsqlDataSource database;
    private readonly string connection;
    private readonly SemaphoreSlim turns;
    private readonly string schema;
    private readonly string purchase;
    private readonly Func<Task> dropDatabase;

    private SqlPurchaseBaseline(string connection, int connections, string schema, IReadOnlyDictionary<string, (int, int)> items, Func<Task> dropDatabase)
        : base(items)
    {
        this.connection = connection;
        database = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = connections, MinPoolSize = 0 });
        this.schema = schema;
        this.dropDatabase = dropDatabase;
        turns = new SemaphoreSlim(connections, connections);
        purchase = $"""
            WITH taken AS (
                UPDATE {schema}.stock SET qty = qty - $3 WHERE sku = $1 AND qty >= $3 RETURNING sku, per_customer),
            counted AS (
                INSERT INTO {schema}.bought AS b (sku, customer, units, per_customer) SELECT sku, $2, $3, per_customer FROM taken
                ON CONFLICT (sku, customer) DO UPDATE SET units = b.units + excluded.units)
            INSERT INTO {schema}.orders (id, sku, customer, qty) SELECT $4, sku, $2, $3 FROM taken
            """;
        Writes = new WalPosition(connection);
        Describe = $"SQL row-lock purchase on PostgreSQL ({new NpgsqlConnectionStringBuilder(connection).Database}, schema {schema}): " +
                   $"one prepared statement and commit per purchase, {connections} pooled connections";
    }

    /// <summary>Connections: a few per core, enough to keep the server busy; more only queue on the hot row.</summary>
    public static int PoolSize => Environment.ProcessorCount * 4;

    public override string Describe { get; }

    public override IWrittenBytes Writes { get; }

    /// <param name="configured">A PostgreSQL connection string to use (tables in a schema of their own); null: a scratch database on the local server.</param>
    public static async Task<SqlPurchaseBaseline> CreateAsync(string? configured, IReadOnlyDictionary<string, (int Stock, int PerCustomerLimit)> items)
    {
        var (connection, drop) = configured is null ? await ScratchStorage.CreateDatabaseAsync("flashsale_baseline") : (configured, () => Task.CompletedTask);
        var schema = $"naive_{Guid.NewGuid():N}"[..18];
        var rows = string.Join(", ", items.Select(s => $"('{s.Key}', {s.Value.Stock}, {s.Value.PerCustomerLimit})"));
        await ScratchStorage.ExecuteAsync(connection,
            $"CREATE SCHEMA {schema}; " +
            $"CREATE TABLE {schema}.stock (sku text PRIMARY KEY, qty int NOT NULL, per_customer int NOT NULL); " +
            $"CREATE TABLE {schema}.bought (sku text NOT NULL, customer text NOT NULL, units int NOT NULL, per_customer int NOT NULL, " +
            $"PRIMARY KEY (sku, customer), CHECK (units <= per_customer)); " +
            $"CREATE TABLE {schema}.orders (id text PRIMARY KEY, sku text NOT NULL, customer text NOT NULL, qty int NOT NULL, at timestamptz NOT NULL DEFAULT now()); " +
            $"INSERT INTO {schema}.stock VALUES {rows};");
        return new SqlPurchaseBaseline(connection, PoolSize, schema, items, drop);
    }

    protected override async Task<Answer> BuyAsync(string sku, string customer, string orderId)
    {
        // Wait for a connection here rather than in the pool, which gives up after its timeout.
        await turns.WaitAsync();
        try
        {
            await using var db = await database.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(purchase, db)
            {
                Parameters = { new() { Value = sku }, new() { Value = customer }, new() { Value = 1 }, new() { Value = orderId } },
            };
            // Prepared once per pooled connection (Npgsql keeps it across opens), then only bound and executed.
            await command.PrepareAsync();
            return await command.ExecuteNonQueryAsync() == 1 ? new Answer(201) : new Answer(409, "sold-out");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            return new Answer(409, "limit-exceeded");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The order id exists: a repeat; the statement (its decrement too) was rolled back whole.
            return new Answer(201);
        }
        finally
        {
            turns.Release();
        }
    }

    protected override async Task<Books> ReadBooksAsync()
    {
        await using var db = await database.OpenConnectionAsync();
        var left = new Dictionary<string, int>();
        await using (var command = new NpgsqlCommand($"SELECT sku, qty FROM {schema}.stock", db))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                left[reader.GetString(0)] = reader.GetInt32(1);
            }
        }
        var orders = new Dictionary<string, StoredOrder>();
        await using (var command = new NpgsqlCommand($"SELECT id, sku, customer, qty FROM {schema}.orders", db))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                orders[reader.GetString(0)] = new StoredOrder(reader.GetString(1), reader.GetString(2), reader.GetInt32(3));
            }
        }
        return new Books(left, orders);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await database.DisposeAsync();
            await ScratchStorage.ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
        finally
        {
            turns.Dispose();
            await dropDatabase();
        }
    }
}
