namespace FlashSale.Identity;

/// <summary>What became of one try of a sign-in code.</summary>
[GenerateSerializer, Alias("flashsale.code-check-outcome")]
public enum CodeCheckOutcome
{
    /// <summary>The right code, in time, for the first time: the shopper is who the email says.</summary>
    Accepted,

    /// <summary>Not the code; the challenge takes more tries.</summary>
    Wrong,

    /// <summary>Past its 10 minutes, used already, out of tries, or never opened: ask for a new code.</summary>
    Expired,
}
