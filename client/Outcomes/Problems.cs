using FlashSale.Orders;

namespace FlashSale.Client.Outcomes;

/// <summary>
/// Every refusal as RFC 9457 ProblemDetails with a stable <c>type</c> of the form <c>/problems/&lt;slug&gt;</c>.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Type = "/problems/validation",
            Title = "Some fields are not valid.",
            Status = StatusCodes.Status400BadRequest,
            Detail = detail ?? $"Check {string.Join(", ", errors.Keys)}.",
        });

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, message);

    public static ProblemHttpResult NotFound(string detail, string title = "Not found.") =>
        Problem(StatusCodes.Status404NotFound, "not-found", title, detail);

    public static ProblemHttpResult Unauthorized(string detail) =>
        Problem(StatusCodes.Status401Unauthorized, "unauthorized", "Not signed in.", detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        Problem(StatusCodes.Status403Forbidden, "forbidden", "Not allowed.", detail);

    /// <summary>The platform could not answer now; the same request (same Idempotency-Key) may be retried.</summary>
    public static ProblemHttpResult Unavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "unavailable", "Try again in a moment.", detail);

    /// <summary>A sign-in code that is not the one sent; the challenge takes <paramref name="triesLeft"/> more tries.</summary>
    public static ProblemHttpResult CodeInvalid(int triesLeft) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["code"] = ["Not the code we sent."] })
        {
            Type = "/problems/code-invalid",
            Title = "That is not the code.",
            Status = StatusCodes.Status400BadRequest,
            Detail = $"That is not the code we sent. {triesLeft} {(triesLeft == 1 ? "try" : "tries")} left.",
            // The count on its own, so a storefront can say it in the shopper's language.
            Extensions = { ["triesLeft"] = triesLeft },
        });

    /// <summary>A challenge past its 10 minutes, used already, out of tries, or unknown: a new code is needed.</summary>
    public static ProblemHttpResult CodeExpired() =>
        Problem(StatusCodes.Status410Gone, "code-expired", "This code no longer works.",
            "The code expired, was used already, or had too many wrong tries. Ask for a new code.");

    /// <summary>The problem type of a bare status code.</summary>
    public static string SlugFor(int status) => status switch
    {
        400 => "bad-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        409 => "conflict",
        413 => "payload-too-large",
        415 => "unsupported-media-type",
        429 => "rate-limited",
        503 => "unavailable",
        _ => status >= 500 ? "internal-error" : "bad-request",
    };

    public static ProblemHttpResult Problem(int status, string slug, string title, string detail) =>
        TypedResults.Problem(Details(status, slug, title, detail));

    /// <summary>
    /// A refused order step (<see cref="OrderRefusals"/>) as ProblemDetails; a promo refusal also carries its
    /// <paramref name="promoReason"/> as the <c>reason</c> extension the storefront reads.
    /// </summary>
    public static ProblemHttpResult Refused(OrderRefusal refusal, string? promoReason = null)
    {
        if (refusal.Field is { } field)
        {
            return Validation(field, refusal.Detail);
        }
        var problem = Details(refusal.Status, refusal.Slug, refusal.Title, refusal.Detail);
        if (promoReason is not null)
        {
            problem.Extensions["reason"] = promoReason;
        }
        return TypedResults.Problem(problem);
    }

    /// <summary>A body over the front end's limit (<c>FlashSale:Http:MaxRequestBodyBytes</c>), when it is known.</summary>
    public static ProblemHttpResult PayloadTooLarge(long? limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large.",
            limit is { } bytes ? $"Send at most {bytes:N0} bytes." : "Send a smaller body.");

    public static ProblemDetails Details(int status, string slug, string title, string detail) =>
        new() { Type = $"/problems/{slug}", Title = title, Status = status, Detail = detail };
}
