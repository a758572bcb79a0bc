using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashSale.LoadTests.Baselines;

/// <summary>
/// The plainest ASP.NET Core endpoints, run by the tool's hidden <c>serve-plain</c> command in a process of its own (as
/// the platform is one): GETs answer the very bytes the platform answered for the same path; a sign-in answers a token;
/// an order (token, Idempotency-Key, the same JSON body) answers 201 from an in-memory counter of the same stock, the
/// same key the same order. Kestrel's defaults, as the platform's: HTTP/1.1 on loopback, no compression.
/// </summary>
public static class PlainServer
{
    /// <summary>The first line the process writes: where it listens, so the tool needs no port picked in advance.</summary>
    public const string ListeningPrefix = "plain endpoint listening on ";

    /// <summary>What the tool hands over: the canned answers by path and query, and the stock the counter sells.</summary>
    public sealed record Canned(Dictionary<string, CannedAnswer> Answers, int Stock);

    public sealed record CannedAnswer(string ContentType, byte[] Body);

    /// <summary>Serves until its standard input closes (the tool ended it, or the tool is gone, however it ended).</summary>
    public static async Task<int> ServeAsync(string cannedFile)
    {
        var canned = JsonSerializer.Deserialize<Canned>(await File.ReadAllBytesAsync(cannedFile))
            ?? throw new InvalidOperationException($"{cannedFile} holds no answers.");
        // Read once: gone whatever way the tool ends later (an aborted or killed tool cleans nothing up).
        File.Delete(cannedFile);
        // A Ctrl+C in the terminal reaches the whole process group: the tool decides when this ends, not the signal.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => signal.Cancel = true);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, Engine.ToolHostLifetime>();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        Map(app, canned);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine(ListeningPrefix + address);
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }

    private static void Map(WebApplication app, Canned canned)
    {
        var left = canned.Stock;
        var orders = new ConcurrentDictionary<string, string>();
        app.MapGet("/{**path}", (HttpContext context) =>
            canned.Answers.TryGetValue(context.Request.Path + context.Request.QueryString, out var answer)
                ? Results.Bytes(answer.Body, answer.ContentType)
                : Results.NotFound());
        app.MapPost("/api/session", async (HttpContext context) =>
        {
            var email = (await context.Request.ReadFromJsonAsync<JsonObject>())?["email"]?.GetValue<string>() ?? "";
            return Results.Json(new { customerId = email, token = Guid.NewGuid().ToString("N"), expiresAt = DateTimeOffset.UtcNow.AddHours(12) });
        });
        app.MapPost("/api/orders", async (HttpContext context) =>
        {
            var line = await context.Request.ReadFromJsonAsync<JsonObject>();
            var key = $"{context.Request.Headers.Authorization} {context.Request.Headers["Idempotency-Key"]}";
            if (line?["sku"] is null || context.Request.Headers.Authorization.Count == 0)
            {
                return Results.Problem(statusCode: 400, type: "/problems/validation");
            }
            var fresh = Guid.NewGuid().ToString("N");
            var orderId = orders.GetOrAdd(key, fresh);
            if (orderId != fresh)
            {
                return Results.Json(new { orderId, status = "reserved", line }, statusCode: 201);
            }
            if (Interlocked.Decrement(ref left) < 0)
            {
                orders.TryRemove(key, out _);
                return Results.Problem(statusCode: 409, type: "/problems/sold-out");
            }
            return Results.Json(new { orderId, status = "reserved", line }, statusCode: 201);
        });
    }
}
