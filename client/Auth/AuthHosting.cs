using FlashSale.Client.Mail;
using FlashSale.Silo.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace FlashSale.Client.Auth;

public static class AuthHosting
{
    public const string MarketerPolicy = "marketer";
    public const string ShopperPolicy = "shopper";

    /// <summary>The Orleans dashboard: the marketer key, or the console's session cookie (a browser opens its pages without headers).</summary>
    public const string DashboardPolicy = "dashboard";

    public static WebApplicationBuilder AddMarketerAuth(this WebApplicationBuilder builder, FlashSaleSettings settings)
    {
        var key = MarketerKey.Resolve(builder.Configuration, settings);
        builder.Services.AddSingleton(key);
        if (key.Generated)
        {
            // Only at the first start: later starts say where it is kept, so the key does not land in every log.
            Console.WriteLine($"Marketer key (generated now and kept in {key.File}): {key.Value}");
        }
        else if (key.File is not null)
        {
            Console.WriteLine($"Marketer key: kept in {key.File} (printed at the first start only)");
        }
        var tokens = ShopperTokens.Resolve(builder.Configuration, settings, TimeProvider.System);
        builder.Services.AddSingleton(tokens);
        // The console session cookie is protected with keys kept beside the other generated secrets, in a folder only
        // this user reads (like marketer.key and signing.key): no further encryption at rest, so its warning is left out.
        var keys = Path.Combine(settings.DataDirectory, "keys");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(keys);
        }
        else
        {
            Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        builder.Services.AddDataProtection().SetApplicationName("FlashSale").PersistKeysToFileSystem(new DirectoryInfo(keys));
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        var provider = ProviderTokens.IsConfigured(builder.Configuration);
        var authentication = builder.Services
            .AddAuthentication(ProviderTokens.BearerScheme)
            .AddScheme<AuthenticationSchemeOptions, MarketerKeyHandler>(MarketerKeyHandler.SchemeName, _ => { })
            .AddCookie(ConsoleSession.SchemeName, ConsoleSession.Configure)
            .AddPolicyScheme(ProviderTokens.BearerScheme, "Shopper bearer token", options => options.ForwardDefaultSelector = provider
                ? ProviderTokens.SchemeFor
                : _ => JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                // The platform's own tokens: HS256 with the signing key, from POST /api/session(/verify).
                options.MapInboundClaims = false;
                options.TokenValidationParameters = tokens.ValidationParameters;
            });
        if (provider)
        {
            authentication.AddJwtBearer(ProviderTokens.Scheme, options => ProviderTokens.Configure(options, builder.Configuration));
        }
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(MarketerPolicy, policy => policy
                .AddAuthenticationSchemes(MarketerKeyHandler.SchemeName, ProviderTokens.BearerScheme)
                .RequireRole(MarketerKeyHandler.Role))
            .AddPolicy(DashboardPolicy, policy => policy
                .AddAuthenticationSchemes(MarketerKeyHandler.SchemeName, ConsoleSession.SchemeName)
                .RequireRole(MarketerKeyHandler.Role))
            .AddPolicy(ShopperPolicy, policy => policy
                .AddAuthenticationSchemes(ProviderTokens.BearerScheme)
                .RequireClaim(ShopperTokens.CustomerClaim));
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        builder.AddShopperSignIn(settings);
        return builder;
    }

    /// <summary>Sign-in by code (or open), and the mail that carries the codes: SMTP when set, else the outbox folder.</summary>
    private static void AddShopperSignIn(this WebApplicationBuilder builder, FlashSaleSettings settings)
    {
        builder.Services.AddSingleton(SignInSettings.From(builder.Configuration));
        var mail = MailSettings.Read(builder.Configuration, settings);
        builder.Services.AddSingleton(mail);
        if (mail.UsesSmtp)
        {
            builder.Services.AddSingleton<IShopperMail>(new SmtpMail(mail));
        }
        else
        {
            builder.Services.AddSingleton<IShopperMail>(services => new OutboxMail(mail, services.GetRequiredService<ShopClock>()));
        }
        builder.Services.AddSingleton<SignInCodes>();
    }
}
