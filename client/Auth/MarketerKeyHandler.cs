using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Auth;

/// <summary>Authenticates <c>X-Api-Key</c> as a marketer; a wrong key fails, no key leaves the call to other schemes (the key is never read from a cookie).</summary>
internal sealed class MarketerKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MarketerKey key) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "MarketerKey";
    public const string Header = "X-Api-Key";
    public const string Role = "marketer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var sent = Request.Headers.TryGetValue(Header, out var values) && values.Count > 0 ? values.ToString() : null;
        if (sent is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!key.Matches(sent))
        {
            return Task.FromResult(AuthenticateResult.Fail("The X-Api-Key is wrong."));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "marketer"), new Claim(ClaimTypes.Role, Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
