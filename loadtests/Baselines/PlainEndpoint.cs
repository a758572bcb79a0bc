using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Targets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashSale.LoadTests.Baselines;

/// <summary>
/// The plainest ASP.NET Core endpoints on this machine: GETs answer the very bytes the platform answered for the same
/// path (captured before the run); a sign-in answers a token; an order (token, Idempotency-Key, the same JSON body)
/// answers 201 from an in-memory counter of the same stock, the same key the same order. What HTTP alone costs.
/// </summary>
public sealed class PlainEndpoint : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly WebApplication app;
    private readonly HttpClient http;

    private PlainEndpoint(WebApplication app, Uri address, int connections)
    {
        this.app = app;
        Address = address;
        http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    /// <param name="stock">Units the counter sells, the candidate's stock.</param>
    /// <param name="connections">Connections the tool opens to it, as many as to the platform.</param>
    public static async Task<PlainEndpoint> StartAsync(IReadOnlyDictionary<string, (string ContentType, byte[] Body)> canned, int stock, int connections)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, ToolHostLifetime>();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var left = stock;
        var orders = new ConcurrentDictionary<string, string>();
        app.MapGet("/{**path}", (HttpContext context) =>
            canned.TryGetValue(context.Request.Path + context.Request.QueryString, out var answer)
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
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PlainEndpoint(app, new Uri(address), connections);
    }

    public async Task<Answer> GetAsync(string pathAndQuery)
    {
        using var response = await http.GetAsync(pathAndQuery);
        await response.Content.ReadAsByteArrayAsync();
        return new Answer((int)response.StatusCode);
    }

    public async Task<(Answer, Shopper?)> SignInAsync(string email)
    {
        using var response = await http.PostAsJsonAsync("/api/session", new { email }, Json);
        if (!response.IsSuccessStatusCode)
        {
            return (new Answer((int)response.StatusCode), null);
        }
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (new Answer((int)response.StatusCode), new Shopper(body!["customerId"]!.GetValue<string>(), body["token"]!.GetValue<string>()));
    }

    /// <summary>One hold: one request, as the platform's.</summary>
    public async Task<Answer> HoldAsync(Shopper shopper, string idempotencyKey, OrderLine line)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(line, options: Json) };
        request.Headers.Authorization = new("Bearer", shopper.Token);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return new Answer((int)response.StatusCode, response.StatusCode == HttpStatusCode.Conflict ? "sold-out" : null);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
