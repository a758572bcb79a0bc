namespace FlashSale.Client.Features.Fulfilment;

/// <summary>One step of an order's timeline: its kind, when, and a detail (the tracking reference, a message, an amount).</summary>
public sealed record TimelineEntryView(string Kind, DateTimeOffset At, string? Detail);
