using Microsoft.AspNetCore.Http.Features;

namespace FlashSale.Client.Limits;

/// <summary>
/// The largest request body any endpoint reads (<c>FlashSale:Http:MaxRequestBodyBytes</c>, 1 MiB by default: a sale
/// of 100 items with prices in every region fits). Kestrel enforces it on every body, also chunked ones whose size is
/// not announced; a body over it is refused with 413 and ProblemDetails.
/// </summary>
public static class RequestBodyLimit
{
    public const string Setting = "FlashSale:Http:MaxRequestBodyBytes";
    public const long DefaultBytes = 1_048_576;

    public static WebApplicationBuilder AddRequestBodyLimit(this WebApplicationBuilder builder)
    {
        var bytes = WholeNumberSetting.Read(builder.Configuration, Setting, DefaultBytes, 1_024, "a number of bytes of at least 1024");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = bytes);
        return builder;
    }

    /// <summary>A body announced as too large is refused before anyone reads it (Kestrel would fail the first read).</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength is { } length && context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit && length > limit)
        {
            await Problems.PayloadTooLarge(limit).ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
