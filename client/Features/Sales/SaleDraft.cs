namespace FlashSale.Client.Features.Sales;

/// <summary>A sale as a marketer submits it, before validation (every field may be missing or wrong).</summary>
public sealed record SaleDraft(
    string? Id,
    string? Name,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    IReadOnlyList<string>? Regions,
    int? HoldMinutes,
    IReadOnlyList<SaleItemDraft>? Items,
    WaitingRoomDraft? WaitingRoom = null);
