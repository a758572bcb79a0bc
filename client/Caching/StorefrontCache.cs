using Microsoft.AspNetCore.OutputCaching;

namespace FlashSale.Client.Caching;

/// <summary>
/// The storefront's reads (a region's sale list, a sale's page, a product) through ASP.NET Core output caching: a
/// crowd refreshing the page costs one build per view and fifth of a second, and the shoppers who ask while it is
/// built wait for that one build (the cache's lock) instead of building it again. The numbers are at most 0.2 s older
/// than the silo's catalog cache; a marketer's change through this front end evicts every view at once (the
/// <see cref="Tag"/>), so it shows in the next read. Entries vary by path and region only (not by host or any other
/// query), and only answers of 200 are kept, so what callers send cannot grow it past the views that exist.
/// </summary>
public static class StorefrontCache
{
    public const string Policy = "storefront";
    public const string Tag = "storefront";
    public static readonly TimeSpan Fresh = TimeSpan.FromMilliseconds(200);

    public static IServiceCollection AddStorefrontCache(this IServiceCollection services) =>
        services.AddOutputCache(options =>
        {
            // Sale ids and skus are case-sensitive: two that differ only in case are two views.
            options.UseCaseSensitivePaths = true;
            options.AddPolicy(Policy, new StorefrontReadPolicy());
        });

    /// <summary>Forgets every storefront view (a marketer changed sales, products, regions or codes).</summary>
    public static ValueTask Evict(IOutputCacheStore store) => store.EvictByTagAsync(Tag, CancellationToken.None);

    /// <summary>Public reads: cached whoever asks (a signed-in shopper sees the same prices), for <see cref="Fresh"/>.</summary>
    private sealed class StorefrontReadPolicy : IOutputCachePolicy
    {
        private static readonly Microsoft.Extensions.Primitives.StringValues Region = "region";

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var cacheable = HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method);
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = Fresh;
            context.CacheVaryByRules.QueryKeys = Region;
            context.CacheVaryByRules.VaryByHost = false;
            context.Tags.Add(Tag);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            // A refusal (unknown region, sale or product) is not kept: the next reader asks again.
            if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK || context.HttpContext.Response.Headers.SetCookie.Count > 0)
            {
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
        }
    }
}
