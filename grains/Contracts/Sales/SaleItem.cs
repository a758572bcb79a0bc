namespace FlashSale.Sales;

/// <summary>One item of a sale: its stock (split over <see cref="Shards"/> stock shards), limit and prices per region.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.sale-item")]
public sealed record SaleItem(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Stock,
    [property: Id(2)] int PerCustomerLimit,
    [property: Id(3)] ImmutableDictionary<string, decimal> SalePrices,
    [property: Id(4)] int Shards);
