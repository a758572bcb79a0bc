namespace FlashSale.Sales;

/// <summary>The stock shard an order id names: sale, item and shard index (see <see cref="SaleRules.ShardOf"/>).</summary>
public sealed record OrderShard(string SaleId, string Sku, int Index);
