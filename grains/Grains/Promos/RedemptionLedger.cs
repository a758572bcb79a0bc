using FlashSale.Orders;
using FlashSale.Sales;

namespace FlashSale.Promos;

/// <summary>
/// A code's redemptions in one grain: what it may give (<see cref="Allocated"/>), what is confirmed,
/// what live orders hold, and per customer. Decisions are made here in memory; the owning grain makes
/// them durable by group commit.
/// </summary>
[GenerateSerializer, Alias("flashsale.redemption-ledger")]
public sealed class RedemptionLedger
{
    [Id(0)] public int Allocated { get; set; }
    [Id(1)] public int Redeemed { get; set; }

    /// <summary>Redemptions held by live orders: order id to (customer, when to look at the order again).</summary>
    [Id(2)] public Dictionary<string, KeyValuePair<string, DateTimeOffset>> Holds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Orders whose redemption is confirmed (so a repeated confirm or reserve changes nothing).</summary>
    [Id(3)] public HashSet<string> Confirmed { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Redemptions per customer, held and confirmed.</summary>
    [Id(4)] public Dictionary<string, int> PerCustomer { get; set; } = new(StringComparer.Ordinal);

    [Id(5)] public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>A copy that no later change of this ledger reaches (for a snapshot serialized off the grain's turn).</summary>
    public RedemptionLedger Copy() => new()
    {
        Allocated = Allocated,
        Redeemed = Redeemed,
        Holds = new(Holds, Holds.Comparer),
        Confirmed = new(Confirmed, Confirmed.Comparer),
        PerCustomer = new(PerCustomer, PerCustomer.Comparer),
        LastUsedAt = LastUsedAt,
    };

    /// <summary>What is left to give: the invariant <c>Redeemed + Holds &lt;= Allocated</c> is kept by never going below 0.</summary>
    public int Left => Allocated - Redeemed - Holds.Count;

    public bool Knows(string orderId) => Holds.ContainsKey(orderId) || Confirmed.Contains(orderId);

    public PromoReservation TryReserve(string orderId, string customerId, DateTimeOffset releaseAfter, int? perCustomerLimit, DateTimeOffset now)
    {
        var outcome = Decide(orderId, customerId, perCustomerLimit);
        if (outcome == PromoReservation.Reserved && !Knows(orderId))
        {
            Hold(orderId, customerId, releaseAfter, now);
        }
        return outcome;
    }

    /// <summary>Whether a redemption can be held for the order (an order it already knows is reserved).</summary>
    public PromoReservation Decide(string orderId, string customerId, int? perCustomerLimit)
    {
        if (Knows(orderId))
        {
            return PromoReservation.Reserved;
        }
        if (perCustomerLimit is { } limit && PerCustomer.GetValueOrDefault(customerId) >= limit)
        {
            return PromoReservation.CustomerLimit;
        }
        return Left <= 0 ? PromoReservation.Exhausted : PromoReservation.Reserved;
    }

    public void Hold(string orderId, string customerId, DateTimeOffset releaseAfter, DateTimeOffset now)
    {
        Holds[orderId] = KeyValuePair.Create(customerId, releaseAfter);
        PerCustomer[customerId] = PerCustomer.GetValueOrDefault(customerId) + 1;
        LastUsedAt = now;
    }

    /// <returns>Whether anything changed.</returns>
    public bool Confirm(string orderId)
    {
        if (!Holds.Remove(orderId))
        {
            return false;
        }
        Redeemed++;
        Confirmed.Add(orderId);
        return true;
    }

    /// <returns>Whether anything changed.</returns>
    public bool Release(string orderId)
    {
        if (!Holds.Remove(orderId, out var hold))
        {
            return false;
        }
        var left = PerCustomer.GetValueOrDefault(hold.Key) - 1;
        if (left > 0)
        {
            PerCustomer[hold.Key] = left;
        }
        else
        {
            PerCustomer.Remove(hold.Key);
        }
        return true;
    }

    public PromoCounts Counts() => new(Redeemed, Holds.Count, PerCustomer.ToImmutableDictionary(StringComparer.Ordinal), LastUsedAt);

    /// <summary><see cref="Counts"/> without the per-customer table: O(1).</summary>
    public PromoCounts Totals() => new(Redeemed, Holds.Count, ImmutableDictionary<string, int>.Empty, LastUsedAt);

    /// <summary>
    /// Redemptions whose order should have been paid or released by now: the order's shard knows what
    /// happened (its message to us may have been lost), so ask it. Only a confirmed order keeps the
    /// redemption; an order still reserved is asked about again later.
    /// </summary>
    /// <param name="confirm">How to confirm (by default on this ledger; a journaled share records an event instead).</param>
    public async Task<bool> SettleForgotten(IGrainFactory grains, DateTimeOffset now, Func<string, bool>? confirm = null, Func<string, bool>? release = null)
    {
        confirm ??= Confirm;
        release ??= Release;
        var changed = false;
        foreach (var (orderId, (customerId, _)) in Holds.Where(h => h.Value.Value <= now).ToList())
        {
            var order = SaleRules.ShardKeyOf(orderId) is { } shard
                ? await grains.GetGrain<IStockShardGrain>(shard).GetOrder(orderId, customerId)
                : null;
            changed |= order?.Status switch
            {
                OrderStatus.Confirmed => confirm(orderId),
                OrderStatus.Reserved => false,
                _ => release(orderId),
            };
        }
        return changed;
    }
}
