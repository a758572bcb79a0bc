using FlashSale.Silo.Health;
using FlashSale.Silo.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlashSale.Silo;

/// <summary>
/// What every FlashSale host starts with, the silo host and the web front alike: settings read and checked, health
/// checks, telemetry; and the endpoints that go with them (<c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c>).
/// </summary>
public static class ServiceDefaults
{
    /// <summary>Reads and checks the settings (throws <see cref="SettingsException"/> naming a wrong or missing one), adds health checks and telemetry.</summary>
    public static FlashSaleSettings AddFlashSaleServiceDefaults(this IHostApplicationBuilder builder)
    {
        var settings = builder.AddFlashSaleSettings();
        builder.Services.AddFlashSaleHealthChecks();
        builder.AddFlashSaleTelemetry();
        return settings;
    }

    /// <summary>
    /// The health endpoints, whose details only callers that <paramref name="showsDetails"/> lets see, and <c>/metrics</c>,
    /// for callers that <paramref name="opensMetrics"/> lets in (left out: the host guards the returned endpoint itself).
    /// </summary>
    public static IEndpointConventionBuilder MapFlashSaleDefaultEndpoints(
        this IEndpointRouteBuilder app, Func<HttpContext, Task<bool>> showsDetails, Func<HttpContext, bool>? opensMetrics = null)
    {
        app.MapFlashSaleHealth(showsDetails);
        return app.MapFlashSaleTelemetry(opensMetrics);
    }
}
