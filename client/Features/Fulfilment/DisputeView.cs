namespace FlashSale.Client.Features.Fulfilment;

/// <summary>A dispute as the shopper and the console see it.</summary>
public sealed record DisputeView(string Reason, string Message, DateTimeOffset OpenedAt, string Status, string? Resolution, DateTimeOffset? ResolvedAt);
