using FlashSale.Orders;

namespace FlashSale.UnitTests.Simulation;

/// <summary>One order in the simulation's books: who asked, on which shard, and what its callers were told of it.</summary>
internal sealed class BookOrder(string orderId, string customerId, string key, int shard, int quantity, long fingerprint)
{
    public string OrderId => orderId;
    public string CustomerId => customerId;
    public string Key => key;
    public int Shard => shard;
    public int Quantity => quantity;
    public long Fingerprint => fingerprint;

    /// <summary>What the order may be now: a single state once a caller was told, several while an outcome is unknown.</summary>
    public Could Possible { get; set; } = Could.Absent;

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The number of the last request sent about it (its answer says what the order is).</summary>
    public int LastSent { get; set; }

    /// <summary>When a hold for it was asked (a hold placed by any of them expires HoldMinutes later).</summary>
    public List<DateTimeOffset> Attempts { get; } = [];

    /// <summary>Placed with a key another item's order had claimed: it must never exist.</summary>
    public bool Foreign { get; init; }

    public static Could Of(OrderStatus status) => status switch
    {
        OrderStatus.Reserved => Could.Reserved,
        OrderStatus.Confirmed => Could.Confirmed,
        OrderStatus.Cancelled => Could.Cancelled,
        _ => Could.Expired,
    };
}
