using System.Globalization;
using System.Net.Mail;
using FlashSale.Client.Auth;
using FlashSale.Client.Mail;
using FlashSale.Identity;
using FlashSale.Sales;

namespace FlashSale.Client.Features.Session;

/// <summary>
/// Shopper sign-in. In <see cref="ShopperSignIn.Code"/> mode (the default) a code goes to the address and its check
/// gives the token; in <see cref="ShopperSignIn.Open"/> mode any email gets a token at once, unverified.
/// </summary>
public static class SessionApi
{
    public sealed record SessionRequest(string? Email);

    public sealed record VerifyRequest(string? ChallengeId, string? Code);

    public sealed record SessionView(string CustomerId, string Token, DateTimeOffset ExpiresAt);

    public sealed record ChallengeView(string ChallengeId, DateTimeOffset ExpiresAt);

    /// <summary>What the storefront shows before sign-in: whether it is verified, where codes go, the resend pause.</summary>
    public sealed record SignInOptionsView(string Mode, string? Delivery, string? Outbox, int ResendSeconds);

    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var mode = app.ServiceProvider.GetRequiredService<SignInSettings>().Mode;
        app.MapPost("/api/session", StartSession)
            .RequireRateLimiting(mode == ShopperSignIn.Code ? EdgeRateLimits.CodeRequests : EdgeRateLimits.Sessions)
            .WithTags("Shopping").ProducesProblems(400, 429, 503);
        app.MapPost("/api/session/verify", Verify).RequireRateLimiting(EdgeRateLimits.Sessions).WithTags("Shopping").ProducesProblems(400, 410, 429);
        app.MapGet("/api/session/options", Options).WithTags("Shopping");
        return app;
    }

    private static async Task<Results<Ok<SessionView>, Accepted<ChallengeView>, ProblemHttpResult>> StartSession(
        SessionRequest body, SignInSettings settings, ShopperTokens tokens, SignInCodes codes, HttpContext context)
    {
        var email = body.Email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email
            || !parsed.Host.Contains('.'))
        {
            return Problems.Validation("email", "An email address like ana@example.com.");
        }
        email = email.ToLowerInvariant();
        if (settings.Mode == ShopperSignIn.Open)
        {
            var customerId = SaleRules.CustomerIdFor(email);
            var (token, expiresAt) = tokens.Issue(customerId, email);
            return TypedResults.Ok(new SessionView(customerId, token, expiresAt));
        }
        var asked = await codes.AskAsync(email, context.RequestAborted);
        if (asked.RetryAfter is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Problem(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many codes asked for.",
                $"A code was sent to this address a moment ago, or too many this hour: ask again in {seconds} s.");
        }
        if (asked.Undelivered)
        {
            context.Response.Headers.RetryAfter = "30";
            return Problems.Unavailable("The code could not be sent just now. Try again in a moment.");
        }
        return TypedResults.Accepted((string?)null, new ChallengeView(asked.ChallengeId!, asked.ExpiresAt));
    }

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> Verify(VerifyRequest body, SignInCodes codes)
    {
        var challengeId = body.ChallengeId?.Trim();
        var code = body.Code?.Trim();
        var errors = new Dictionary<string, string[]>();
        if (!OneTimeCodes.IsChallengeId(challengeId))
        {
            errors["challengeId"] = ["The challengeId from POST /api/session (32 hex digits)."];
        }
        if (!OneTimeCodes.IsCode(code))
        {
            errors["code"] = [$"The {OneTimeCodes.Digits} digits from the email."];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var verified = await codes.VerifyAsync(challengeId!, code!);
        return verified.Check.Outcome switch
        {
            CodeCheckOutcome.Accepted => TypedResults.Ok(new SessionView(verified.CustomerId!, verified.Token!, verified.ExpiresAt)),
            CodeCheckOutcome.Wrong => Problems.CodeInvalid(verified.Check.TriesLeft),
            _ => Problems.CodeExpired(),
        };
    }

    private static Ok<SignInOptionsView> Options(SignInSettings settings, MailSettings mail) => TypedResults.Ok(settings.Mode == ShopperSignIn.Open
        ? new SignInOptionsView("open", null, null, 0)
        : new SignInOptionsView("code", mail.UsesSmtp ? "smtp" : "outbox", mail.UsesSmtp ? null : mail.Outbox, (int)settings.PerEmail.Resend.TotalSeconds));
}
