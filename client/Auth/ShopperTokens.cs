using System.Security.Claims;
using System.Text;
using FlashSale.Silo.Settings;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FlashSale.Client.Auth;

/// <summary>Issues and describes shopper tokens: HS256 JWTs signed with the platform's signing key.</summary>
public sealed class ShopperTokens
{
    public const string Setting = "FlashSale:Auth:SigningKey";
    public const string Issuer = "flashsale";
    public const string Audience = "flashsale-shop";
    public const string CustomerClaim = "sub";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly JsonWebTokenHandler _handler = new();
    private readonly TimeProvider _clock;

    private ShopperTokens(SymmetricSecurityKey key, TimeProvider clock)
    {
        Key = key;
        _clock = clock;
    }

    public SymmetricSecurityKey Key { get; }

    public TokenValidationParameters ValidationParameters => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "email",
    };

    public (string Token, DateTimeOffset ExpiresAt) Issue(string customerId, string email)
    {
        var now = _clock.GetUtcNow();
        var expires = now + Lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim(CustomerClaim, customerId), new Claim("email", email)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    public static ShopperTokens Resolve(IConfiguration configuration, FlashSaleSettings settings, TimeProvider clock)
    {
        string secret;
        if (SecretSetting.Read(configuration, Setting) is { } configured)
        {
            secret = configured;
            if (Encoding.UTF8.GetByteCount(secret) < 32)
            {
                throw new SettingsException($"{Setting} must be at least 32 bytes long (HS256 needs a 256-bit key).");
            }
        }
        else if (settings.Mode == ClusterMode.Standalone)
        {
            // Kept in the data folder, so shoppers' tokens survive a restart.
            secret = SecretFile.ReadOrCreate(settings.DataDirectory, "signing.key", 48).Secret;
        }
        else
        {
            throw new SettingsException($"{Setting} is required in cluster mode (env FlashSale__Auth__SigningKey), so every front end accepts the same tokens.");
        }
        return new ShopperTokens(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), clock);
    }
}
