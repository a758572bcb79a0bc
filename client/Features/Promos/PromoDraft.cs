namespace FlashSale.Client.Features.Promos;

/// <summary>A promo code as a marketer submits it (also the template of a batch, without a code).</summary>
public sealed record PromoDraft(
    string? Code,
    string? Kind,
    decimal? Percent,
    IReadOnlyDictionary<string, decimal>? Amounts,
    int? MaxRedemptions,
    int? PerCustomerLimit,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    IReadOnlyList<string>? Regions,
    IReadOnlyDictionary<string, decimal>? MinSubtotal,
    IReadOnlyList<string>? SaleIds,
    IReadOnlyList<string>? Skus,
    bool? CombinesWithSalePrice);
