namespace FlashSale.Client.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> header: required on orders, optional on a marketer's changes (where it makes a retry after
/// an unknown outcome safe: the same key is applied once, the same key with another body is refused).
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    public const string AdminDescription =
        "Optional: 1-255 characters, new for each change and the same on every retry of it. A retry with the same key " +
        "(after a 503 outcome-unknown, a timeout or a dropped connection) is applied once and answered as the first; " +
        "the same key with another change is refused with 422 idempotency-key-reused. Without a key the change still " +
        "works, but a retry of it is a new change.";

    public const string NaturallyIdempotent =
        "Safe to retry as it is: the same request again leaves the same state (a repeated create answers 200 instead of 201), " +
        "so no Idempotency-Key is needed. After a 503 outcome-unknown, send it again.";

    public static bool IsValid(string key) => key.Length is >= 1 and <= 255 && !key.Any(char.IsControl);

    /// <summary>A refusal naming the header when a key was sent but is not 1-255 printable characters; null otherwise.</summary>
    public static ProblemHttpResult? Check(string? key) =>
        key is null || IsValid(key) ? null : Problems.Validation(Header, "1-255 characters without control characters, new for each change and the same on every retry of it.");

    public static ProblemHttpResult Reused() =>
        Problems.Problem(422, "idempotency-key-reused", "This Idempotency-Key was used for another change.",
            "The same key must come with the same change; use a new key for a new change.");
}
