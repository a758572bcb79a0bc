using System.Net;
using FlashSale.LoadTests.Engine;
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
/// path (captured before the run), and a POST of an order answers 201 from an in-memory counter. What HTTP alone costs.
/// </summary>
public sealed class PlainEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient http;

    private PlainEndpoint(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
        http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public static async Task<PlainEndpoint> StartAsync(IReadOnlyDictionary<string, (string ContentType, byte[] Body)> canned, int stock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var left = stock;
        app.MapGet("/{**path}", (HttpContext context) =>
            canned.TryGetValue(context.Request.Path + context.Request.QueryString, out var answer)
                ? Results.Bytes(answer.Body, answer.ContentType)
                : Results.NotFound());
        app.MapPost("/api/orders", () => Interlocked.Decrement(ref left) >= 0
            ? Results.Json(new { orderId = Guid.NewGuid().ToString("N"), status = "reserved" }, statusCode: 201)
            : Results.Problem(statusCode: 409, type: "/problems/sold-out"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PlainEndpoint(app, new Uri(address));
    }

    public async Task<Answer> GetAsync(string pathAndQuery)
    {
        using var response = await http.GetAsync(pathAndQuery);
        await response.Content.ReadAsByteArrayAsync();
        return new Answer((int)response.StatusCode);
    }

    public async Task<Answer> HoldAsync()
    {
        using var response = await http.PostAsync("/api/orders", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        await response.Content.ReadAsByteArrayAsync();
        return new Answer((int)response.StatusCode, response.IsSuccessStatusCode ? null : "sold-out");
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
