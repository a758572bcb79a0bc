namespace FlashSale.LoadTests.Targets;

public sealed record SaleSpec(string Id, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<string> Regions, int HoldMinutes, IReadOnlyList<SaleItemSpec> Items);
