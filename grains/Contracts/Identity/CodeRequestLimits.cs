namespace FlashSale.Identity;

/// <summary>How often one email address may be sent a code: a pause between two, and a most per hour.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.code-request-limits")]
public sealed record CodeRequestLimits(
    [property: Id(0)] int PerHour,
    [property: Id(1)] TimeSpan Resend);
