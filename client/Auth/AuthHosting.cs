using FlashSale.Silo.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace FlashSale.Client.Auth;

public static class AuthHosting
{
    public const string MarketerPolicy = "marketer";
    public const string ShopperPolicy = "shopper";

    public static WebApplicationBuilder AddMarketerAuth(this WebApplicationBuilder builder, FlashSaleSettings settings)
    {
        var key = MarketerKey.Resolve(builder.Configuration, settings);
        builder.Services.AddSingleton(key);
        if (key.Source != "configuration")
        {
            // Printed at every start in standalone mode, so whoever runs it can open the console.
            Console.WriteLine($"Marketer key ({key.Source}): {key.Value}");
        }
        var tokens = ShopperTokens.Resolve(builder.Configuration, settings, TimeProvider.System);
        builder.Services.AddSingleton(tokens);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, MarketerKeyHandler>(MarketerKeyHandler.SchemeName, _ => { })
            .AddJwtBearer(options =>
            {
                // Standard JWT bearer options: a deployment with its own identity provider can bind its own here.
                options.MapInboundClaims = false;
                options.TokenValidationParameters = tokens.ValidationParameters;
                builder.Configuration.GetSection("FlashSale:Auth:Jwt").Bind(options);
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(MarketerPolicy, policy => policy
                .AddAuthenticationSchemes(MarketerKeyHandler.SchemeName, JwtBearerDefaults.AuthenticationScheme)
                .RequireRole(MarketerKeyHandler.Role))
            .AddPolicy(ShopperPolicy, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireClaim(ShopperTokens.CustomerClaim));
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return builder;
    }
}
