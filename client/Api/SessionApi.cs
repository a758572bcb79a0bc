using System.Net.Mail;
using FlashSale.Client.Auth;
using FlashSale.Sales;

namespace FlashSale.Client.Api;

public static class SessionApi
{
    public sealed record SessionRequest(string? Email);

    public sealed record SessionView(string CustomerId, string Token, DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/session", StartSession).RequireRateLimiting(EdgeRateLimits.Sessions).WithTags("Shopping").ProducesProblems(400, 429);
        return app;
    }

    private static Results<Ok<SessionView>, ProblemHttpResult> StartSession(SessionRequest body, ShopperTokens tokens)
    {
        var email = body.Email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email
            || !parsed.Host.Contains('.'))
        {
            return Problems.Validation("email", "An email address like ana@example.com.");
        }
        var customerId = SaleRules.CustomerIdFor(email);
        var (token, expiresAt) = tokens.Issue(customerId, email.ToLowerInvariant());
        return TypedResults.Ok(new SessionView(customerId, token, expiresAt));
    }
}
