using System.Security.Claims;
using System.Text;
using FlashSale.Sales;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FlashSale.LoadTests.Targets;

/// <summary>
/// Shopper tokens made with the platform's signing key, as a trusted identity provider would make them: how load
/// comes to a platform whose shoppers sign in by a mailed code, without reading any mailbox. The same claims as the
/// platform's own tokens (issuer <c>flashsale</c>, audience <c>flashsale-shop</c>, subject the customer id).
/// </summary>
public sealed class PlatformTokens(byte[] signingKey)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials = new(new SymmetricSecurityKey(signingKey), SecurityAlgorithms.HmacSha256);

    /// <summary>From the key as configured (<c>FlashSale:Auth:SigningKey</c>) or as kept in <c>signing.key</c>.</summary>
    public static PlatformTokens FromSecret(string secret) => new(Encoding.UTF8.GetBytes(secret.Trim()));

    /// <summary>From a platform's data folder: its generated <c>signing.key</c>.</summary>
    public static PlatformTokens FromDataDirectory(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, "signing.key");
        return File.Exists(file)
            ? FromSecret(File.ReadAllText(file))
            : throw new Engine.UsageException($"--data-dir: {file} does not exist (the platform keeps its generated signing key there).");
    }

    public Shopper Mint(string email)
    {
        var customerId = SaleRules.CustomerIdFor(email);
        var now = DateTime.UtcNow;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "flashsale",
            Audience = "flashsale-shop",
            Subject = new ClaimsIdentity([new Claim("sub", customerId), new Claim("email", email.Trim().ToLowerInvariant())]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = _credentials,
        });
        return new Shopper(customerId, token);
    }
}
