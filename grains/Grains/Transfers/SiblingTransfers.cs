namespace FlashSale.Transfers;

/// <summary>
/// "Ask the siblings for their leftovers", once for every grain that owns a share of something (stock shards, promo
/// allowance shares). A transfer is an ask recorded durably under an id, a donation the donor records durably under
/// that id (so asking again gets the same answer), and the booking of what came. Each step waits for its write, so a
/// crash or a failed write anywhere leaves an ask that the next refill or the grain's timer completes, and no unit is
/// given twice or lost.
/// </summary>
/// <param name="key">The grain's key: transfer ids are made from it.</param>
/// <param name="donate">Asks sibling <c>donor</c> to give up to <c>wanted</c> for transfer <c>id</c>: (donor, id, wanted) => given.</param>
/// <param name="emptyMemory">After a refill found every sibling empty, how long the next shortfall is told so without asking.</param>
internal sealed class SiblingTransfers(
    string key, ITransferBook book, GroupCommit commit, Func<int, string, int, Task<int>> donate, TimeProvider clock, TimeSpan emptyMemory)
{
    private readonly SingleFlight<bool> _refill = new();

    /// <summary>Asks this activation made whose write has not committed yet: their refill completes them, nobody else.</summary>
    private readonly HashSet<string> _unwritten = new(StringComparer.Ordinal);

    private DateTimeOffset? _siblingsEmptyAt;

    /// <summary>Units came back to this grain (a release, an expiry, a restock): the next shortfall asks the siblings again.</summary>
    public void Replenished() => _siblingsEmptyAt = null;

    /// <summary>
    /// Brings units from the siblings, one after the other from the next index on, until <paramref name="missing"/> says
    /// none are missing; one refill at a time (callers that come meanwhile share it). False when the siblings had too few.
    /// </summary>
    public Task<bool> Refill(int index, int siblings, Func<int> missing)
    {
        if (_siblingsEmptyAt is { } emptyAt && clock.GetUtcNow() - emptyAt < emptyMemory)
        {
            return Task.FromResult(false);
        }
        return _refill.Run(() => FromSiblings(index, siblings, missing));
    }

    /// <summary>
    /// Transfers asked for before a crash or a failed write: the donor remembers its answer, so asking again is safe.
    /// Only asks that are durable: a donor that gave units for an ask whose write then failed (or that a failed
    /// activation still had in memory) would give them to a transfer no reload of this grain knows, and they would be
    /// lost. An ask whose write is in flight is its refill's to complete; after a failed write nothing is.
    /// </summary>
    public async Task CompleteIncoming()
    {
        if (book.Incoming.Count == 0)
        {
            return;
        }
        commit.ThrowIfFailed();
        foreach (var (transferId, donor) in book.Incoming.Where(t => !_unwritten.Contains(t.Key)).ToList())
        {
            await Complete(transferId, donor, 0);
        }
    }

    /// <summary>
    /// The donor's side: gives up to <paramref name="wanted"/> (recorded before the answer), or, asked again, the same
    /// answer once the write that recorded it has committed. <paramref name="beforeGiving"/> runs first (e.g. expiring
    /// holds past their time, so their units can go).
    /// </summary>
    public async Task<int> Give(string transferId, int wanted, Action? beforeGiving = null)
    {
        if (book.Donations.TryGetValue(transferId, out var earlier))
        {
            await commit.Covering();
            return earlier;
        }
        beforeGiving?.Invoke();
        var given = book.Donate(transferId, wanted);
        await commit.Durable();
        return given;
    }

    /// <summary>
    /// Rounds over the siblings until nothing is missing. Units a round brings can go to shoppers who came while their
    /// booking was written, so a round that got any goes round again: only a round in which no sibling gave anything
    /// says the siblings are empty (one round alone once answered sold out while a sibling still had units).
    /// </summary>
    private async Task<bool> FromSiblings(int index, int siblings, Func<int> missing)
    {
        await CompleteIncoming();
        int given;
        do
        {
            given = 0;
            for (var step = 1; step < siblings && missing() > 0; step++)
            {
                var donor = (index + step) % siblings;
                var transferId = book.AskTransfer(key, donor);
                _unwritten.Add(transferId);
                await commit.Durable();
                _unwritten.Remove(transferId);
                given += await Complete(transferId, donor, missing());
            }
        }
        while (given > 0 && missing() > 0);
        if (missing() > 0)
        {
            _siblingsEmptyAt = clock.GetUtcNow();
            return false;
        }
        return true;
    }

    /// <returns>The units the donor gave.</returns>
    private async Task<int> Complete(string transferId, int donor, int wanted)
    {
        var given = await donate(donor, transferId, Math.Max(1, wanted));
        // Booked once, however many completions of the same transfer ran side by side.
        if (book.BookTransfer(transferId, given))
        {
            _siblingsEmptyAt = null;
            await commit.Durable();
        }
        else
        {
            await commit.Covering();
        }
        return given;
    }
}
