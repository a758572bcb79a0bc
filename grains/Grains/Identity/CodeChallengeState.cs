namespace FlashSale.Identity;

[GenerateSerializer, Alias("flashsale.code-challenge-state")]
public sealed class CodeChallengeState
{
    /// <summary>Null until the challenge is opened: a made-up challenge id finds nothing to try.</summary>
    [Id(0)]
    public CodeChallenge? Challenge { get; set; }
}
