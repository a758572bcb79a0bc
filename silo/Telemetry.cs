using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenTelemetry.Metrics;

namespace FlashSale.Silo;

/// <summary>Metrics for every host, set up in one place: Orleans' meter, ours, ASP.NET Core and the runtime, scraped at <c>/metrics</c>.</summary>
public static class Telemetry
{
    public static IHostApplicationBuilder AddFlashSaleTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.Orleans", FlashSaleMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary><c>/metrics</c> (sales velocity, refusals: not for everyone), for callers that <paramref name="opens"/> lets in; others get 401.</summary>
    public static IEndpointConventionBuilder MapFlashSaleTelemetry(this IEndpointRouteBuilder app, Func<HttpContext, bool>? opens = null) =>
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: opens is null ? null : branch => branch.Use(async (context, next) =>
        {
            if (opens(context))
            {
                await next(context);
                return;
            }
            await Results.Problem(
                type: "/problems/unauthorized", title: "Not signed in.", statusCode: StatusCodes.Status401Unauthorized,
                detail: $"/metrics needs the marketer key in the {Health.OperatorKey.Header} header.").ExecuteAsync(context);
        }), optionsName: null);
}
