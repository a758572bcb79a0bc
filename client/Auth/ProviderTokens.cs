using FlashSale.Silo.Settings;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FlashSale.Client.Auth;

/// <summary>
/// Tokens of a deployment's own identity provider (<c>FlashSale:Auth:Jwt:*</c>): RS256/ES256 JWTs whose keys come from
/// OIDC discovery (<c>Authority</c>) or are given (<c>Issuer</c> and <c>SigningKeys</c>, a JWKS); the customer is the
/// token's subject. The platform's own HS256 tokens keep working beside them: a token goes to the scheme of its issuer.
/// </summary>
public static class ProviderTokens
{
    public const string Section = "FlashSale:Auth:Jwt";
    public const string Scheme = "provider";

    /// <summary>The default scheme: sends each bearer token to the platform's scheme or the provider's, by its issuer.</summary>
    public const string BearerScheme = "bearer";

    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256,
    ];

    /// <summary>Whether a provider is configured; throws <see cref="SettingsException"/> when it is half configured.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var authority = Has(section, "Authority") || Has(section, "MetadataAddress");
        var keys = Has(section, "SigningKeys");
        if (!authority && !keys)
        {
            return Has(section, "Audience") || Has(section, "Issuer")
                ? throw new SettingsException($"{Section}:Authority (OIDC discovery) or {Section}:SigningKeys with {Section}:Issuer is needed to accept a provider's tokens.")
                : false;
        }
        if (!Has(section, "Audience"))
        {
            throw new SettingsException($"{Section}:Audience is required with an identity provider: tokens it made for other applications are refused.");
        }
        if (keys && !authority && !Has(section, "Issuer"))
        {
            throw new SettingsException($"{Section}:Issuer is required with {Section}:SigningKeys (the provider's iss).");
        }
        return true;
    }

    /// <summary>Standard JWT bearer options from the section, with the keys given there when there is no discovery.</summary>
    public static void Configure(JwtBearerOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        section.Bind(options);
        options.MapInboundClaims = false;
        options.TokenValidationParameters.ValidAlgorithms = Algorithms;
        options.TokenValidationParameters.NameClaimType = ShopperTokens.CustomerClaim;
        options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
        if (Has(section, "SigningKeys"))
        {
            options.TokenValidationParameters.IssuerSigningKeys = ReadKeys(section["SigningKeys"]!);
            options.TokenValidationParameters.ValidIssuer = section["Issuer"];
        }
    }

    /// <summary>The scheme for a request's bearer token: the platform's own when it names the platform as issuer (or when unreadable).</summary>
    public static string SchemeFor(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }
        var raw = header["Bearer ".Length..].Trim();
        var handler = new JsonWebTokenHandler();
        try
        {
            return handler.CanReadToken(raw) && handler.ReadJsonWebToken(raw).Issuer != ShopperTokens.Issuer ? Scheme : JwtBearerDefaults.AuthenticationScheme;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }
    }

    private static IList<SecurityKey> ReadKeys(string value)
    {
        var json = value.TrimStart().StartsWith('{') ? value
            : File.Exists(value) ? File.ReadAllText(value)
            : throw new SettingsException($"{Section}:SigningKeys must be a JWKS (JSON) or the path of a file holding one; '{value}' is neither.");
        try
        {
            var keys = new JsonWebKeySet(json).GetSigningKeys();
            return keys.Count > 0 ? keys : throw new SettingsException($"{Section}:SigningKeys holds no signing key.");
        }
        catch (ArgumentException e)
        {
            throw new SettingsException($"{Section}:SigningKeys is not a valid JWKS: {e.Message}");
        }
    }

    private static bool Has(IConfigurationSection section, string key) => !string.IsNullOrWhiteSpace(section[key]);
}
