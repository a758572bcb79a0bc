namespace FlashSale.Promos;

/// <summary>One change to a promo allowance share, as its journal records it (the share's state is their replay).</summary>
[GenerateSerializer, Immutable, Alias("flashsale.allowance-event")]
public abstract record AllowanceEvent;

[GenerateSerializer, Immutable, Alias("flashsale.allowance-event.started")]
public sealed record AllowanceStarted([property: Id(0)] PromoDefinition Definition, [property: Id(1)] int Index, [property: Id(2)] int Allocated) : AllowanceEvent;

[GenerateSerializer, Immutable, Alias("flashsale.allowance-event.held")]
public sealed record RedemptionHeld(
    [property: Id(0)] string OrderId, [property: Id(1)] string CustomerId, [property: Id(2)] DateTimeOffset ReleaseAfter, [property: Id(3)] DateTimeOffset At)
    : AllowanceEvent;

[GenerateSerializer, Immutable, Alias("flashsale.allowance-event.confirmed")]
public sealed record RedemptionConfirmed([property: Id(0)] string OrderId) : AllowanceEvent;

[GenerateSerializer, Immutable, Alias("flashsale.allowance-event.released")]
public sealed record RedemptionReleased([property: Id(0)] string OrderId) : AllowanceEvent;

[GenerateSerializer, Immutable, Alias("flashsale.allowance-event.donated")]
public sealed record AllowanceDonated([property: Id(0)] string TransferId, [property: Id(1)] int Units) : AllowanceEvent;

[GenerateSerializer, Immutable, Alias("flashsale.allowance-event.asked")]
public sealed record AllowanceAsked([property: Id(0)] string TransferId, [property: Id(1)] int Donor) : AllowanceEvent;

[GenerateSerializer, Immutable, Alias("flashsale.allowance-event.booked")]
public sealed record AllowanceBooked([property: Id(0)] string TransferId, [property: Id(1)] int Units) : AllowanceEvent;
