namespace FlashSale.Sales;

/// <summary>What a stock shard is told when its sale is created: the sale, its item, and its share of the stock.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.shard-setup")]
public sealed record ShardSetup(
    [property: Id(0)] SaleDefinition Sale,
    [property: Id(1)] string Sku,
    [property: Id(2)] int Index,
    [property: Id(3)] int Units);
