namespace FlashSale.Marketplace;

internal sealed class DisputeBoardGrain(
    [PersistentState("dispute-board", StorageNames.Main)] IPersistentState<DisputeBoardState> board) : Grain, IDisputeBoardGrain
{
    public async Task Post(DisputeEntry entry)
    {
        if (board.State.Entries.GetValueOrDefault(entry.OrderId) == entry)
        {
            return;
        }
        board.State.Entries[entry.OrderId] = entry;
        // Open disputes stay however many there are; resolved ones beyond the bound leave, oldest first.
        var resolved = board.State.Entries.Values.Where(e => e.Dispute.Status != DisputeStatus.Open).ToList();
        foreach (var old in resolved.OrderByDescending(e => e.Dispute.ResolvedAt).Skip(IDisputeBoardGrain.ResolvedKept))
        {
            board.State.Entries.Remove(old.OrderId);
        }
        await board.WriteStateOrDeactivate(this);
    }

    public Task<ImmutableArray<DisputeEntry>> GetAll() => Task.FromResult<ImmutableArray<DisputeEntry>>([..
        board.State.Entries.Values
            .OrderBy(e => e.Dispute.Status == DisputeStatus.Open ? 0 : 1)
            .ThenByDescending(e => e.Dispute.ResolvedAt ?? e.Dispute.OpenedAt)]);
}
