using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OutputCaching;

namespace FlashSale.Client.Hosting;

public static class ApiHosting
{
    public static IServiceCollection AddFlashSaleApi(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Refusals raised by the framework (415, 405, 404 of an unknown path) get our stable problem types too.
            if (context.ProblemDetails.Type is null || context.ProblemDetails.Type.StartsWith("https://", StringComparison.Ordinal))
            {
                context.ProblemDetails.Type = $"/problems/{Problems.SlugFor(context.ProblemDetails.Status ?? 500)}";
            }
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.ProblemDetails.Detail is null)
            {
                // Kestrel found a chunked body too large while it was read: the same words as a body announced too large.
                var tooLarge = (ProblemDetails)Problems.PayloadTooLarge(
                    context.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize).ProblemDetails;
                (context.ProblemDetails.Title, context.ProblemDetails.Detail) = (tooLarge.Title, tooLarge.Detail);
            }
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddSingleton<StorefrontViews>();
        services.AddStorefrontCache();
        services.AddSingleton<Orders.OrderRouter>();
        services.AddSingleton<StockFeeds>();
        services.AddSingleton<WaitingRoomTickets>();
        services.AddSingleton<WaitingRoomGate>();
        // Bodies that do not bind throw, so the exception handler can name the field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options =>
        {
            // Numbers are numbers, and a field the contract does not have (a price, a total) is refused, never trusted.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        return services;
    }

    public static WebApplication UseFlashSaleApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Storefront reads served from the cache skip everything after it (shedding, authentication, rate limits):
        // they are public and cost a lookup, so a crowd of readers is answered at the cost of plain Kestrel.
        app.UseOutputCache();
        app.Use(app.Services.GetRequiredService<EdgeShedding>().Handle);
        app.UseRequestBodyLimit();
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/api/admin"))
            {
                // A marketer's change through this front end shows in the storefront's next read: the lists are
                // dropped once the change is made, before the marketer hears of it.
                context.Response.OnStarting(() => context.Response.StatusCode < 400
                    ? StorefrontCache.Evict(context.RequestServices.GetRequiredService<IOutputCacheStore>()).AsTask()
                    : Task.CompletedTask);
            }
            return next(context);
        });
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
