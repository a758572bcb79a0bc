using System.Text.RegularExpressions;

namespace FlashSale.Sales;

/// <summary>Sale status by server time, stock sharding and shopper routing: pure functions.</summary>
public static partial class SaleRules
{
    public const int MaxShards = 8;
    public const int UnitsPerShard = 20;
    public const int DefaultHoldMinutes = 10;
    public const int MaxPerCustomerLimit = 100;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex SaleIdPattern();

    public static bool IsValidSaleId(string? id) => id is not null && SaleIdPattern().IsMatch(id);

    public static SaleStatus Status(SaleDefinition sale, SaleControl control, DateTimeOffset now)
    {
        if (now >= sale.EndsAt || (control.EndedAt is { } ended && now >= ended))
        {
            return SaleStatus.Ended;
        }
        if (now < sale.StartsAt)
        {
            return SaleStatus.Upcoming;
        }
        return control.Paused ? SaleStatus.Paused : SaleStatus.Live;
    }

    /// <summary>An item's status: the sale's, except that a live item with nothing left is sold out.</summary>
    public static SaleStatus ItemStatus(SaleStatus sale, int available) =>
        sale == SaleStatus.Live && available <= 0 ? SaleStatus.SoldOut : sale;

    /// <summary>
    /// How many shards an item's stock is split over: enough to spread a burst over <paramref name="maxShards"/> (see
    /// <see cref="ShardsPerItemFor"/>), few enough that each keeps a useful share.
    /// </summary>
    public static int ShardCountFor(int stock, int maxShards = MaxShards) => Math.Clamp(stock / UnitsPerShard, 1, Math.Clamp(maxShards, 1, MaxShards));

    /// <summary>
    /// The most shards an item of a new sale gets: the configured number, else one per silo of the cluster, at least 2.
    /// One box gains nothing from more: a shard's group commit covers more requests, and a sold-out shard asks fewer
    /// siblings before it says so (measured in README "Performance": 1,000 items did 30 % more holds a second with 2 shards
    /// per item than with 8, one hot item the same).
    /// </summary>
    public static int ShardsPerItemFor(int silos, int? configured = null) => Math.Clamp(configured ?? silos, configured is null ? 2 : 1, MaxShards);

    /// <summary>The initial units of each shard: the stock split as evenly as it goes.</summary>
    public static int UnitsOfShard(int stock, int shards, int index) => stock / shards + (index < stock % shards ? 1 : 0);

    /// <summary>The shard that serves a shopper for an item, always the same one, so the limit check and the decrement are one write.</summary>
    public static int ShardFor(string customerId, int shards)
    {
        var hash = 2166136261u;
        foreach (var c in customerId)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % (uint)shards);
    }

    public static string ShardKey(string saleId, string sku, int index) => $"{saleId}/{sku}/{index}";

    /// <summary>What a sale keeps of a marketer's Idempotency-Key: a short hash (a key may be 255 characters long).</summary>
    public static string KeyHash(string idempotencyKey) =>
        Domain.Digest.HexPrefix(idempotencyKey, 20);

    /// <summary>The id of a sale created without one: named by the Idempotency-Key when there is one, so a retry finds the same sale.</summary>
    public static string GeneratedSaleId(string? idempotencyKey) =>
        "sale-" + (idempotencyKey is null ? Guid.NewGuid().ToString("N")[..8] : KeyHash(idempotencyKey)[..12]);

    /// <summary>The restock a shard applies once: numbered by the sale, or named by the marketer's Idempotency-Key.</summary>
    public static string RestockId(string saleId, string sku, string? idempotencyKey, long sequence) =>
        idempotencyKey is null ? $"{saleId}/{sku}/restock-{sequence}" : $"{saleId}/{sku}/restock-key-{KeyHash(idempotencyKey)}";

    /// <summary>A customer's id: the same for the same email (case aside), so limits hold across sessions.</summary>
    public static string CustomerIdFor(string email) =>
        "c_" + Domain.Digest.HexPrefix(email.Trim().ToLowerInvariant(), 20);

    /// <summary>The longest order id there can be: a 64-character sale id and SKU, the shard digit, the 20-character hash.</summary>
    public const int MaxOrderIdLength = 64 + 1 + 64 + 1 + 1 + 1 + 20;

    /// <summary>Whether <paramref name="id"/> can be an order id at all (checked before any grain is asked).</summary>
    public static bool IsOrderId(string id) => id.Length <= MaxOrderIdLength && ShardKeyOf(id) is not null;

    /// <summary>
    /// An order's id: it names the stock shard that holds the order (so every lookup goes straight there) and
    /// is derived from who asked and the Idempotency-Key (so every retry names the same order).
    /// </summary>
    public static string OrderIdFor(string saleId, string sku, int shard, string customerId, string idempotencyKey)
    {
        // The hash of "customer\nkey", written without building that string (every hold makes an id).
        var length = customerId.Length + 1 + idempotencyKey.Length;
        char[]? rented = null;
        var text = length <= 512 ? stackalloc char[512] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(length));
        try
        {
            customerId.CopyTo(text);
            text[customerId.Length] = '\n';
            idempotencyKey.CopyTo(text[(customerId.Length + 1)..]);
            Span<byte> hash = stackalloc byte[32];
            Domain.Digest.Sha256(text[..length], hash);
            var digits = shard is >= 0 and < MaxShards ? ShardDigits[shard] : shard.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var idLength = saleId.Length + sku.Length + digits.Length + 3 + 20;
            var id = idLength <= 512 ? stackalloc char[512] : new char[idLength];
            var at = 0;
            foreach (var part in (ReadOnlySpan<string>)[saleId, "~", sku, "~", digits, "~"])
            {
                part.CopyTo(id[at..]);
                at += part.Length;
            }
            Convert.TryToHexStringLower(hash[..10], id[at..], out _);
            return new string(id[..idLength]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static readonly string[] ShardDigits = [.. Enumerable.Range(0, MaxShards).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The key of the shard an order id names; null for anything that is not an order id.</summary>
    public static string? ShardKeyOf(string orderId) =>
        ShardOf(orderId) is { } shard ? ShardKey(shard.SaleId, shard.Sku, shard.Index) : null;

    /// <summary>The sale, item and shard index an order id names; null for anything that is not an order id.</summary>
    public static OrderShard? ShardOf(string orderId)
    {
        if (orderId.Length > MaxOrderIdLength)
        {
            return null;
        }
        var parts = orderId.Split('~');
        return parts.Length == 4 && IsValidSaleId(parts[0]) && parts[1].Length is > 0 and <= 64
            && int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var shard)
            && shard < MaxShards && parts[3].Length == 20
            ? new OrderShard(parts[0], parts[1], shard)
            : null;
    }

    /// <summary>Whether <paramref name="sale"/> has the shard an order id names: the item is in the sale and the index below its shard count.</summary>
    public static bool HasShard(SaleDefinition sale, OrderShard shard) =>
        sale.Id == shard.SaleId && sale.Item(shard.Sku) is { } item && shard.Index < item.Shards;
}
