namespace FlashSale.Identity;

/// <summary>Counts the codes sent to one email address, in grain storage, so no front end can be asked around the limit.</summary>
internal sealed class CodeRequestsGrain(
    [PersistentState("code-requests", StorageNames.Main)] IPersistentState<CodeRequestsState> state,
    ShopClock clock)
    : Grain, ICodeRequestsGrain
{
    public async Task<TimeSpan?> Admit(CodeRequestLimits limits)
    {
        var (next, retryAfter) = state.State.Requests.Admit(clock.GetUtcNow(), limits);
        if (retryAfter is null)
        {
            state.State.Requests = next;
            await state.WriteStateOrDeactivate(this);
        }
        return retryAfter;
    }
}
