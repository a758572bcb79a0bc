namespace FlashSale.Identity;

/// <summary>
/// One sign-in code sent to one address: only the code's keyed hash is kept, never the code. The rules of a try are
/// here, pure: a code works once, within its lifetime, and <see cref="OneTimeCodes.MaxWrongTries"/> wrong tries end it.
/// </summary>
[GenerateSerializer, Immutable, Alias("flashsale.code-challenge")]
public sealed record CodeChallenge(
    [property: Id(0)] string Email,
    [property: Id(1)] string CodeHash,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] int WrongTries = 0,
    [property: Id(4)] bool Spent = false)
{
    /// <summary>The challenge after a try with <paramref name="codeHash"/> at <paramref name="now"/>, and the answer.</summary>
    public (CodeChallenge Next, CodeCheck Answer) Try(string codeHash, DateTimeOffset now)
    {
        if (Spent || now >= ExpiresAt || WrongTries >= OneTimeCodes.MaxWrongTries)
        {
            return (this, CodeCheck.Expired);
        }
        if (OneTimeCodes.SameHash(codeHash, CodeHash))
        {
            return (this with { Spent = true }, new CodeCheck(CodeCheckOutcome.Accepted, Email, 0));
        }
        var next = this with { WrongTries = WrongTries + 1 };
        var left = OneTimeCodes.MaxWrongTries - next.WrongTries;
        // The last wrong try ends the challenge: a guesser learns at once that this code is gone.
        return (next, left > 0 ? new CodeCheck(CodeCheckOutcome.Wrong, null, left) : CodeCheck.Expired);
    }
}
