using FlashSale.Silo.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace FlashSale.Client.Auth;

public static class AuthHosting
{
    public const string MarketerPolicy = "marketer";

    public static WebApplicationBuilder AddMarketerAuth(this WebApplicationBuilder builder, FlashSaleSettings settings)
    {
        var key = MarketerKey.Resolve(builder.Configuration, settings);
        builder.Services.AddSingleton(key);
        if (key.Source != "configuration")
        {
            // Printed at every start in standalone mode, so whoever runs it can open the console.
            Console.WriteLine($"Marketer key ({key.Source}): {key.Value}");
        }
        builder.Services
            .AddAuthentication(MarketerKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, MarketerKeyHandler>(MarketerKeyHandler.SchemeName, _ => { });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(MarketerPolicy, policy => policy
                .AddAuthenticationSchemes(MarketerKeyHandler.SchemeName)
                .RequireRole(MarketerKeyHandler.Role));
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return builder;
    }
}
