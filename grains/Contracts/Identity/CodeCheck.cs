namespace FlashSale.Identity;

/// <summary>The answer to one try of a sign-in code: the verified email when accepted, the tries left when wrong.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.code-check")]
public sealed record CodeCheck(
    [property: Id(0)] CodeCheckOutcome Outcome,
    [property: Id(1)] string? Email,
    [property: Id(2)] int TriesLeft)
{
    public static CodeCheck Expired { get; } = new(CodeCheckOutcome.Expired, null, 0);
}
