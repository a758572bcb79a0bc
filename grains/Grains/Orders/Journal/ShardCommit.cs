namespace FlashSale.Orders;

/// <summary>
/// The write of one stock-shard group commit, with no Orleans in it (the grain and the ledger simulation run this same
/// code): the ledger's batch goes to the journal as one append; when some of its new orders reuse a key that placed
/// another order, those holds are voided in the same append, never in a later one.
/// </summary>
internal static class ShardCommit
{
    /// <summary>Appends the ledger's batch of <paramref name="covered"/> requests (<paramref name="counted"/> is told of it first), if it has one.</summary>
    public static async Task WriteAsync(
        StockLedger ledger, JournalLog<StockLedgerState, ShardEvent> log, int covered, Action<string> voided, Action<int>? counted = null)
    {
        var (events, orders, placed) = ledger.TakeBatch();
        if (events.Count == 0)
        {
            return;
        }
        ledger.CountBatch(covered);
        counted?.Invoke(covered);
        await log.AppendAsync(events, orders, placed, ledger.State, taken =>
        {
            // Nothing was written: the same append goes again without the holds whose key placed another order.
            foreach (var orderId in taken.OrderIds)
            {
                var suffix = OrderKeys.HashOf(orderId);
                events.Add(ledger.Void(suffix));
                orders.RemoveAll(o => o.OrderId == orderId);
                placed.Remove(orderId);
                voided(suffix);
            }
        });
    }
}
