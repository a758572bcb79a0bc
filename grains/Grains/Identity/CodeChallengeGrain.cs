namespace FlashSale.Identity;

/// <summary>
/// Holds one sign-in code's hash in grain storage, so the code verifies on any front end and after a restart. Every
/// try is written before it is answered: a wrong try counts even if the silo falls over right after, and an accepted
/// code is spent before the token is issued.
/// </summary>
internal sealed class CodeChallengeGrain(
    [PersistentState("code-challenge", StorageNames.Main)] IPersistentState<CodeChallengeState> state,
    ShopClock clock)
    : Grain, ICodeChallengeGrain
{
    public async Task<DateTimeOffset> Open(string email, string codeHash)
    {
        if (state.State.Challenge is not null)
        {
            throw new InvalidOperationException("A challenge is opened once (its id is random and new).");
        }
        state.State.Challenge = new CodeChallenge(email, codeHash, clock.GetUtcNow() + OneTimeCodes.Lifetime);
        await state.WriteStateOrDeactivate(this);
        return state.State.Challenge.ExpiresAt;
    }

    public async Task<CodeCheck> Try(string codeHash)
    {
        if (state.State.Challenge is not { } challenge)
        {
            return CodeCheck.Expired;
        }
        var (next, answer) = challenge.Try(codeHash, clock.GetUtcNow());
        if (next != challenge)
        {
            state.State.Challenge = next;
            await state.WriteStateOrDeactivate(this);
        }
        return answer;
    }
}
