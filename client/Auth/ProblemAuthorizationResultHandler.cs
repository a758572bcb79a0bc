using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace FlashSale.Client.Auth;

/// <summary>Refusals by the authorization layer answer with ProblemDetails like every other refusal.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Challenged)
        {
            var marketer = policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
                .Any(r => r.AllowedRoles.Contains(MarketerKeyHandler.Role));
            await Problems.Unauthorized(marketer
                    ? $"This needs the marketer key in the {MarketerKeyHandler.Header} header; it was missing or wrong."
                    : "Sign in first: send Authorization: Bearer <token>, the token POST /api/session/verify gives for the mailed code.")
                .ExecuteAsync(context);
            return;
        }
        if (result.Forbidden)
        {
            await Problems.Forbidden("This is for marketers: a shopper's token does not open it.").ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, result);
    }
}
