using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FlashSale.Tests.Reliability;

/// <summary>Nobody gets in where they do not belong: forged, expired and wrongly signed tokens, keys and roles on every admin path.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private const string SigningKey = "access-tests-signing-key-0123456789-abcdef";
    private Store store = null!;
    private Platform platform = null!;

    public async ValueTask InitializeAsync()
    {
        store = await Store.CreateAsync(Backend.Sqlite);
        platform = await Platform.StartAsync(store, $"--FlashSale:Auth:SigningKey={SigningKey}");
        await TestShop.AddRegionsAsync(platform.Marketer);
        await TestShop.AddProductAsync(platform.Marketer, "SNEAKER-1");
        await Shoppers.CreateSaleAsync(platform, "access-sale", 10, 2, "BR");
    }

    public async ValueTask DisposeAsync()
    {
        await platform.DisposeAsync();
        await store.DisposeAsync();
    }

    public static TheoryData<string> BadTokens() => new()
    {
        "expired", "wrong-key", "unsigned", "tampered", "wrong-issuer", "wrong-audience", "not-a-jwt",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_refused_with_401_and_places_no_order(string kind)
    {
        var token = kind switch
        {
            "expired" => Token(SigningKey, "flashsale", "flashsale-shop", DateTime.UtcNow.AddHours(-13), DateTime.UtcNow.AddHours(-1)),
            "wrong-key" => Token("another-signing-key-that-is-32-bytes-or-more", "flashsale", "flashsale-shop"),
            "unsigned" => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "flashsale", Audience = "flashsale-shop", Subject = new ClaimsIdentity([new Claim("sub", "c_victim")]), Expires = DateTime.UtcNow.AddHours(1),
            }),
            "tampered" => Tamper(Token(SigningKey, "flashsale", "flashsale-shop")),
            "wrong-issuer" => Token(SigningKey, "someone-else", "flashsale-shop"),
            "wrong-audience" => Token(SigningKey, "flashsale", "another-app"),
            _ => "hello.world",
        };
        // The same key signs good tokens: a well-made one gets in, so the refusals below are about the token, not the setup.
        Assert.Equal(HttpStatusCode.OK, (await Orders(Token(SigningKey, "flashsale", "flashsale-shop"))).StatusCode);

        var listed = await Orders(token);
        using var order = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(new { saleId = "access-sale", sku = "SNEAKER-1", quantity = 1, region = "BR" }) };
        order.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        order.Headers.Add("Idempotency-Key", "k1");
        var placed = await platform.Http.SendAsync(order, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, listed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, placed.StatusCode);
        var stats = await platform.Marketer.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/admin/sales/access-sale/stats", TestContext.Current.CancellationToken);
        Assert.Equal(0, stats!["items"]![0]!["held"]!.GetValue<int>());
    }

    [Fact]
    public async Task Every_admin_path_needs_the_key_refuses_a_wrong_one_and_forbids_a_shopper()
    {
        var shopper = await Shoppers.SignInAsync(platform, "eve@example.com");
        string[] paths =
        [
            "PUT /api/admin/regions/BR", "PUT /api/admin/products/SNEAKER-1", "POST /api/admin/sales", "GET /api/admin/sales", "GET /api/admin/sales/access-sale",
            "GET /api/admin/sales/access-sale/stats", "POST /api/admin/sales/access-sale/pause", "POST /api/admin/sales/access-sale/resume",
            "POST /api/admin/sales/access-sale/end", "POST /api/admin/sales/access-sale/items/SNEAKER-1/restock", "POST /api/admin/promo-codes",
            "POST /api/admin/promo-codes/batch", "GET /api/admin/promo-codes/X", "POST /api/admin/promo-codes/X/disable", "GET /api/admin/products",
            "POST /api/admin/session",
        ];
        foreach (var route in paths)
        {
            var (method, path) = (new HttpMethod(route.Split(' ')[0]), route.Split(' ')[1]);
            HttpRequestMessage Request(string? key)
            {
                var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : new StringContent("{}", Encoding.UTF8, "application/json") };
                if (key is not null)
                {
                    request.Headers.Add("X-Api-Key", key);
                }
                return request;
            }
            Assert.True((await platform.Http.SendAsync(Request(null), TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.Unauthorized, route);
            Assert.True((await platform.Http.SendAsync(Request("wrong-key"), TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.Unauthorized, route);
            Assert.True((await shopper.SendAsync(Request(null), TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.Forbidden, route);
        }
        var stats = await platform.Marketer.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/admin/sales/access-sale/stats", TestContext.Current.CancellationToken);
        Assert.Equal(10, stats!["items"]![0]!["available"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_dashboard_opens_with_the_consoles_session_cookie_and_never_with_the_key_in_a_cookie()
    {
        var session = await platform.Marketer.PostAsync("/api/admin/session", null, TestContext.Current.CancellationToken);
        var setCookie = session.Headers.TryGetValues("Set-Cookie", out var values) ? string.Join("; ", values) : "";
        var cookie = setCookie.Split(';')[0];

        Assert.Equal(HttpStatusCode.NoContent, session.StatusCode);
        Assert.StartsWith("flashsale-console=", cookie, StringComparison.Ordinal);
        Assert.All(new[] { "httponly", "samesite=strict", "path=/dashboard" }, attribute => Assert.Contains(attribute, setCookie, StringComparison.OrdinalIgnoreCase));
        var expires = DateTimeOffset.Parse(setCookie.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase))["expires=".Length..],
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));
        Assert.DoesNotContain(Platform.MarketerKey, setCookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Dashboard(cookie)).StatusCode);
        // The key itself in a cookie (what the console used to set from script), a forged session, no cookie: refused.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Dashboard($"flashsale-marketer={Platform.MarketerKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Dashboard($"flashsale-console={cookie[^20..]}x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Dashboard(null)).StatusCode);
    }

    private async Task<HttpResponseMessage> Dashboard(string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        // A browser of its own: the cookie sent is exactly the one given here.
        using var browser = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = platform.Http.BaseAddress };
        return await browser.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<HttpResponseMessage> Orders(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await platform.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string Token(string key, string issuer, string audience, DateTime? notBefore = null, DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "c_mallory0000000000000"), new Claim("email", "mallory@example.com")]),
            IssuedAt = notBefore ?? DateTime.UtcNow,
            NotBefore = notBefore ?? DateTime.UtcNow,
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

    /// <summary>A good token with its payload swapped for another customer's, signature kept.</summary>
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("c_mallory0000000000000", "c_victim00000000000000");
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }
}
