namespace FlashSale.Identity;

/// <summary>One sign-in code sent, keyed by its challenge id: any front end of the cluster can check it.</summary>
[Alias("flashsale.code-challenge-grain")]
public interface ICodeChallengeGrain : IGrainWithStringKey
{
    /// <summary>Opens the challenge for <paramref name="email"/> with the code's hash; answers when it expires.</summary>
    [Alias("open")]
    Task<DateTimeOffset> Open(string email, string codeHash);

    [Alias("try")]
    Task<CodeCheck> Try(string codeHash);
}
