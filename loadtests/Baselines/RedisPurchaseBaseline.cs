using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Measures;
using StackExchange.Redis;

namespace FlashSale.LoadTests.Baselines;

/// <summary>
/// The fast hand-made design: a Lua script on Redis checks the stock and the customer's units against the limit,
/// decrements and records the order in a hash keyed by order id, atomically (a repeated order id is the same order).
/// Redis runs scripts one at a time and, with <c>appendfsync always</c>, fsyncs its append-only file before replying,
/// covering every script of one event-loop turn with one fsync: group commit by construction.
/// </summary>
public sealed class RedisPurchaseBaseline : PurchaseBaseline
{
    private const string Purchase = """
        if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 1 end
        local quantity = tonumber(ARGV[3])
        local left = tonumber(redis.call('GET', KEYS[1]) or '0')
        if left < quantity then return 0 end
        local bought = tonumber(redis.call('HGET', KEYS[3], ARGV[2]) or '0')
        if bought + quantity > tonumber(ARGV[4]) then return -1 end
        redis.call('DECRBY', KEYS[1], quantity)
        redis.call('HINCRBY', KEYS[3], ARGV[2], quantity)
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[5] .. '|' .. ARGV[2] .. '|' .. ARGV[3])
        return 1
        """;

    private readonly RedisServer server;
    private readonly ConnectionMultiplexer connection;
    private readonly IDatabase redis;
    private readonly byte[] script;
    private readonly string prefix;

    private RedisPurchaseBaseline(RedisServer server, ConnectionMultiplexer connection, byte[] script, string prefix, IReadOnlyDictionary<string, (int, int)> items)
        : base(items)
    {
        this.server = server;
        this.connection = connection;
        this.script = script;
        this.prefix = prefix;
        redis = connection.GetDatabase();
        Writes = new FileSizes("Redis append-only file", server.AppendOnlyFolder);
        Describe = $"Redis + Lua guarded decrement and order record on redis-server at 127.0.0.1:{server.Port} (appendfsync always, no snapshots)";
    }

    public override string Describe { get; }

    public override IWrittenBytes Writes { get; }

    /// <param name="executable">The redis-server program (see <see cref="RedisServer.Find"/>).</param>
    public static async Task<RedisPurchaseBaseline> CreateAsync(string executable, IReadOnlyDictionary<string, (int Stock, int PerCustomerLimit)> items)
    {
        var server = await RedisServer.StartAsync(executable);
        try
        {
            var options = new ConfigurationOptions { EndPoints = { { "127.0.0.1", server.Port } }, AbortOnConnectFail = true, AsyncTimeout = 60_000, SyncTimeout = 60_000 };
            var connection = await ConnectionMultiplexer.ConnectAsync(options);
            var script = (byte[])(await connection.GetServer("127.0.0.1", server.Port).ScriptLoadAsync(Purchase));
            var prefix = $"lt:{Guid.NewGuid():N}"[..11];
            var baseline = new RedisPurchaseBaseline(server, connection, script, prefix, items);
            await baseline.redis.StringSetAsync([.. items.Select(i => new KeyValuePair<RedisKey, RedisValue>(baseline.Stock(i.Key), i.Value.Stock))]);
            return baseline;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    protected override async Task<Answer> BuyAsync(string sku, string customer, string orderId)
    {
        var outcome = (int)await redis.ScriptEvaluateAsync(script, [Stock(sku), Orders, Bought(sku)],
            [orderId, customer, 1, Items[sku].PerCustomerLimit, sku]);
        return outcome switch
        {
            1 => new Answer(201),
            0 => new Answer(409, "sold-out"),
            _ => new Answer(409, "limit-exceeded"),
        };
    }

    protected override async Task<Books> ReadBooksAsync()
    {
        var left = new Dictionary<string, int>();
        foreach (var sku in Items.Keys)
        {
            left[sku] = (int)await redis.StringGetAsync(Stock(sku));
        }
        var orders = new Dictionary<string, StoredOrder>();
        await foreach (var entry in redis.HashScanAsync(Orders, pageSize: 5_000))
        {
            var parts = ((string)entry.Value!).Split('|');
            orders[entry.Name!] = new StoredOrder(parts[0], parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture));
        }
        return new Books(left, orders);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await connection.CloseAsync(allowCommandsToComplete: false);
            connection.Dispose();
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private RedisKey Orders => $"{prefix}:orders";

    private RedisKey Stock(string sku) => $"{prefix}:stock:{sku}";

    private RedisKey Bought(string sku) => $"{prefix}:bought:{sku}";
}
