using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FlashSale.Client.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FlashSale.Tests.Identity;

/// <summary>
/// A deployment's own identity provider, as small as one can be: OIDC discovery and a JWKS (an RSA and a P-256 key made
/// here) on a loopback port, and the tokens it signs.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string Audience = "flashsale-test";

    private readonly WebApplication app;
    private readonly RsaSecurityKey rsa = new(RSA.Create(2048)) { KeyId = "rsa-1" };
    private readonly ECDsaSecurityKey ec = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec-1" };

    private TestIdentityProvider(WebApplication app) => this.app = app;

    public string Issuer => app.Address().ToString().TrimEnd('/');

    /// <summary>The public keys as a JWKS document.</summary>
    public string Jwks => new JsonObject { ["keys"] = new JsonArray(Public(rsa), Public(ec)) }.ToJsonString();

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestIdentityProvider? provider = null;
        app.MapGet("/.well-known/openid-configuration", () => Results.Text(new JsonObject
        {
            ["issuer"] = provider!.Issuer,
            ["jwks_uri"] = $"{provider.Issuer}/jwks",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256", "ES256"),
        }.ToJsonString(), "application/json"));
        app.MapGet("/jwks", () => Results.Text(provider!.Jwks, "application/json"));
        provider = new TestIdentityProvider(app);
        await app.StartAsync();
        return provider;
    }

    /// <summary>A token for <paramref name="subject"/> signed with this provider's RSA key (RS256) or its EC key (ES256).</summary>
    public string Token(string subject, bool ellipticCurve = false, string audience = Audience) =>
        Sign(subject, ellipticCurve ? new SigningCredentials(ec, SecurityAlgorithms.EcdsaSha256) : new SigningCredentials(rsa, SecurityAlgorithms.RsaSha256), audience);

    /// <summary>A forgery: what an attacker signs with a key of their own, naming this provider and its key id.</summary>
    public string Forged(string subject) =>
        Sign(subject, new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = rsa.KeyId }, SecurityAlgorithms.RsaSha256), Audience);

    private string Sign(string subject, SigningCredentials credentials, string audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = audience,
        Subject = new ClaimsIdentity([new Claim("sub", subject)]),
        Expires = DateTime.UtcNow.AddMinutes(30),
        SigningCredentials = credentials,
    });

    private static JsonObject Public(SecurityKey key)
    {
        if (key is RsaSecurityKey r)
        {
            var p = r.Rsa.ExportParameters(false);
            return new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = r.KeyId, ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent) };
        }
        var e = (ECDsaSecurityKey)key;
        var q = e.ECDsa.ExportParameters(false).Q;
        return new JsonObject { ["kty"] = "EC", ["use"] = "sig", ["alg"] = "ES256", ["crv"] = "P-256", ["kid"] = e.KeyId, ["x"] = Base64UrlEncoder.Encode(q.X), ["y"] = Base64UrlEncoder.Encode(q.Y) };
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
