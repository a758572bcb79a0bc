using System.Net.Http.Headers;
using System.Text.Json;

namespace FlashSale.Tests.Infrastructure;

/// <summary>What a shopper does over HTTP: sign in, place orders with an Idempotency-Key.</summary>
public static class Shoppers
{
    /// <summary>A client signed in as <paramref name="email"/> (see <see cref="TokenAsync"/>).</summary>
    public static async Task<HttpClient> SignInAsync(Platform platform, string email) => WithToken(platform, await TokenAsync(platform, email));

    /// <summary>
    /// A shopper token for <paramref name="email"/>, made with the platform's signing key as a trusted identity
    /// provider would: tests about selling need many shoppers, not mailed codes. Sign-in itself (the code by mail) is
    /// <see cref="SignInByCodeAsync"/>, and the sign-in tests.
    /// </summary>
    public static Task<string> TokenAsync(Platform platform, string email) => Task.FromResult(platform.Tokens.Mint(email).Token!);

    /// <summary>Signs in the way a shopper does: asks for a code, reads it from the outbox, verifies it. The token.</summary>
    public static async Task<string> SignInByCodeAsync(Platform platform, string email)
    {
        var asked = await platform.Http.PostAsJsonAsync("/api/session", new { email });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var challengeId = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("challengeId").GetString()!;
        var verified = await platform.Http.PostAsJsonAsync("/api/session/verify", new { challengeId, code = Outbox.CodeFor(platform.Outbox, challengeId) });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        return (await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>A client of <paramref name="platform"/> that sends <paramref name="token"/> (one shopper on any front end).</summary>
    public static HttpClient WithToken(Platform platform, string token)
    {
        var client = new HttpClient { BaseAddress = platform.Http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<HttpResponseMessage> OrderAsync(HttpClient shopper, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await shopper.SendAsync(request);
    }

    /// <summary>
    /// Orders with a new key each time until the answer has <paramref name="status"/> (a change the silos' catalog caches
    /// follow within a second, e.g. a code disabled), within 3 s; the last answer, or a timeout naming <paramref name="what"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> OrderUntilAsync(HttpClient shopper, string keyPrefix, object body, HttpStatusCode status, string what)
    {
        HttpResponseMessage answer = null!;
        await Eventually.TrueAsync(async () =>
        {
            answer = await OrderAsync(shopper, $"{keyPrefix}-{Guid.NewGuid():N}", body);
            return answer.StatusCode == status;
        }, () => $"{what}: {(int)answer.StatusCode}", TimeSpan.FromSeconds(3));
        return answer;
    }

    /// <summary>A live sale of SNEAKER-1 in the given regions, created through the marketer API.</summary>
    public static async Task CreateSaleAsync(Platform platform, string id, int stock, int limit, params string[] regions)
    {
        var prices = new Dictionary<string, decimal> { ["BR"] = 99.90m, ["US"] = 19.99m };
        var response = await platform.Marketer.PostAsJsonAsync("/api/admin/sales", new
        {
            id,
            name = $"Sale {id}",
            startsAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            endsAt = DateTimeOffset.UtcNow.AddHours(1),
            regions = regions.Length == 0 ? ["BR", "US"] : regions,
            holdMinutes = 10,
            items = new[] { new { sku = "SNEAKER-1", stock, perCustomerLimit = limit, salePrices = prices.Where(p => regions.Length == 0 || regions.Contains(p.Key)).ToDictionary() } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
