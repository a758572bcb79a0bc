using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FlashSale.Client.Auth;

/// <summary>
/// <c>POST /api/admin/session</c> (with <c>X-Api-Key</c>): the marketer console's session for <c>/dashboard</c>, whose
/// pages a browser opens without custom headers. The server sets a short-lived cookie scripts cannot read (HttpOnly),
/// other sites cannot send (SameSite=Strict) and only the dashboard receives; the key itself never goes into a cookie.
/// </summary>
public static class ConsoleSession
{
    public const string SchemeName = "ConsoleSession";
    public const string CookieName = "flashsale-console";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public static IEndpointRouteBuilder MapConsoleSessionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/session", (Func<HttpContext, Task<NoContent>>)Open).WithTags("Marketer").RequireAuthorization(AuthHosting.MarketerPolicy).ProducesProblems(401, 403);
        return app;
    }

    internal static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.Path = "/dashboard";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = Lifetime;
        // Renewed while the dashboard is open; gone half an hour after it was last used.
        options.SlidingExpiration = true;
        // An API never redirects to a sign-in page: refusals are ProblemDetails (see ProblemAuthorizationResultHandler).
        options.Events.OnRedirectToLogin = context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }

    private static async Task<NoContent> Open(HttpContext context)
    {
        var marketer = new ClaimsIdentity([new Claim(ClaimTypes.Name, "marketer"), new Claim(ClaimTypes.Role, MarketerKeyHandler.Role)], SchemeName);
        // Persistent for its half hour, so the browser drops it then too (the server refuses it after that anyway).
        await context.SignInAsync(SchemeName, new ClaimsPrincipal(marketer), new AuthenticationProperties { IsPersistent = true });
        return TypedResults.NoContent();
    }
}
