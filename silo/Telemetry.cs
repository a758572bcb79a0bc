using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FlashSale.Silo;

/// <summary>
/// Telemetry for every host, set up in one place. Metrics: Orleans' meter, ours, ASP.NET Core and the runtime, scraped
/// at <c>/metrics</c>. Traces only when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: HTTP requests, grain
/// calls (Orleans' activity propagation carries the trace from the front end into the grains and between silos) and
/// Npgsql commands, exported over OTLP (the standard <c>OTEL_EXPORTER_OTLP_*</c> variables apply). Unset, nothing
/// listens for activities and no grain call filter is added, so the hot path does not pay for tracing.
/// </summary>
public static class Telemetry
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The activity sources traced: Orleans' grain calls (both sides) and Npgsql's commands.</summary>
    public static readonly string[] TracedSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Npgsql"];

    /// <summary>Whether traces are exported (an OTLP endpoint is set in the environment or configuration).</summary>
    public static bool ExportsTraces(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[EndpointVariable]);

    public static IHostApplicationBuilder AddFlashSaleTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            // flashsale-client or flashsale-silo, unless the standard OTEL_SERVICE_NAME says otherwise.
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"]
                ?? builder.Environment.ApplicationName.Replace("FlashSale.", "flashsale-", StringComparison.Ordinal).ToLowerInvariant()))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans", FlashSaleMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (ExportsTraces(builder.Configuration))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(TracedSources)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/metrics"))
                .AddOtlpExporter());
        }
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
