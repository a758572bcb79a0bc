namespace FlashSale.Sales;

[GenerateSerializer, Alias("flashsale.sale-state")]
public sealed class SaleState
{
    [Id(0)] public SaleDefinition? Definition { get; set; }
    [Id(1)] public SaleControl Control { get; set; } = SaleControl.Running;

    /// <summary>Each item's stock: the initial units plus every restock.</summary>
    [Id(2)] public Dictionary<string, int> Stock { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Restocks recorded here but not yet confirmed by the shard that receives the units: id to (sku, units).</summary>
    [Id(3)] public Dictionary<string, KeyValuePair<string, int>> PendingRestocks { get; set; } = new(StringComparer.Ordinal);

    [Id(4)] public long RestockSequence { get; set; }

    /// <summary>Shards (by key) that have not confirmed <see cref="Control"/> yet.</summary>
    [Id(5)] public HashSet<string> ControlPending { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The products, shards and directory entry of the sale all confirmed their part of the creation.</summary>
    [Id(6)] public bool SetUpDone { get; set; }

    /// <summary>The hash of the Idempotency-Key the sale was created with.</summary>
    [Id(7)] public string? CreatedWithKey { get; set; }

    /// <summary>The latest marketers' changes under an Idempotency-Key, oldest first: key hash to what it asked.</summary>
    [Id(8)] public List<KeyValuePair<string, string>> ChangeKeys { get; set; } = [];
}
