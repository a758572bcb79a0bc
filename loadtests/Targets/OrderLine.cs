namespace FlashSale.LoadTests.Targets;

/// <summary>What a shopper asks to quote or order: never a price.</summary>
public sealed record OrderLine(string SaleId, string Sku, int Quantity, string Region, string? PromoCode);
