namespace FlashSale.LoadTests.Targets;

/// <summary>A signed-in shopper: the customer id and, over HTTP, the bearer token.</summary>
public sealed record Shopper(string CustomerId, string? Token);
