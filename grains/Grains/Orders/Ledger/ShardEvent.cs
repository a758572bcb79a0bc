using FlashSale.Sales;

namespace FlashSale.Orders;

/// <summary>
/// One change to a stock shard, as its journal records it. The shard's state is the replay of its events
/// (from the latest snapshot on), so every change goes through <see cref="StockLedger.Apply"/>, live or replayed.
/// </summary>
[GenerateSerializer, Immutable, Alias("flashsale.shard-event")]
public abstract record ShardEvent;

[GenerateSerializer, Immutable, Alias("flashsale.shard-event.set-up")]
public sealed record ShardSetUp([property: Id(0)] ShardSetup Setup) : ShardEvent;

/// <summary>The sale was edited (a newer revision): its window, limits, prices, and before any hold its stock.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.shard-event.amended")]
public sealed record SetupAmended([property: Id(0)] ShardSetup Setup) : ShardEvent;

[GenerateSerializer, Immutable, Alias("flashsale.shard-event.control")]
public sealed record ControlChanged([property: Id(0)] SaleControl Control) : ShardEvent;

[GenerateSerializer, Immutable, Alias("flashsale.shard-event.hold")]
public sealed record HoldPlaced([property: Id(0)] string Suffix, [property: Id(1)] HoldRecord Hold) : ShardEvent;

/// <summary>A live hold paid, cancelled or expired.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.shard-event.resolved")]
public sealed record HoldResolved([property: Id(0)] string Suffix, [property: Id(1)] OrderStatus Status, [property: Id(2)] DateTimeOffset At) : ShardEvent;

/// <summary>Units given to a sibling shard under a transfer id (the same id always gets the same answer).</summary>
[GenerateSerializer, Immutable, Alias("flashsale.shard-event.donated")]
public sealed record UnitsDonated([property: Id(0)] string TransferId, [property: Id(1)] int Units) : ShardEvent;

/// <summary>A transfer this shard asked a sibling for, not yet booked.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.shard-event.asked")]
public sealed record TransferAsked([property: Id(0)] string TransferId, [property: Id(1)] int Donor) : ShardEvent;

[GenerateSerializer, Immutable, Alias("flashsale.shard-event.booked")]
public sealed record TransferBooked([property: Id(0)] string TransferId, [property: Id(1)] int Units) : ShardEvent;

[GenerateSerializer, Immutable, Alias("flashsale.shard-event.restocked")]
public sealed record Restocked([property: Id(0)] string RestockId, [property: Id(1)] int Units) : ShardEvent;

/// <summary>A hold taken back before it was ever acknowledged: its Idempotency-Key had placed another order.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.shard-event.voided")]
public sealed record HoldVoided([property: Id(0)] string Suffix) : ShardEvent;
