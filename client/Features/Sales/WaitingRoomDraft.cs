namespace FlashSale.Client.Features.Sales;

/// <summary>A sale's waiting room as a marketer submits it.</summary>
public sealed record WaitingRoomDraft(int? AdmitPerSecond);
