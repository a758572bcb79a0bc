namespace FlashSale.Orders;

/// <summary>One group commit of a shard as its journal holds it.</summary>
public sealed record JournalEntry(long Sequence, byte[] Events);
