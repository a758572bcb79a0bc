using System.Text.Json;

namespace FlashSale.Tests.Identity;

/// <summary>A deployment's own identity provider: its RS256/ES256 tokens are accepted beside the platform's own; forgeries are not.</summary>
public sealed class IdentityProviderTests
{
    [Fact]
    public async Task Tokens_of_a_provider_found_by_discovery_are_accepted_and_a_forged_one_is_refused()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var platform = await Platform.StartAsync(store, $"--FlashSale:Auth:Jwt:Authority={provider.Issuer}",
            $"--FlashSale:Auth:Jwt:Audience={TestIdentityProvider.Audience}", "--FlashSale:Auth:Jwt:RequireHttpsMetadata=false");
        await AssertAcceptedAndRefusedAsync(platform, provider);
    }

    [Fact]
    public async Task Tokens_of_a_provider_given_by_its_keys_and_issuer_are_accepted_and_a_forged_one_is_refused()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var platform = await Platform.StartAsync(store, $"--FlashSale:Auth:Jwt:SigningKeys={provider.Jwks}",
            $"--FlashSale:Auth:Jwt:Issuer={provider.Issuer}", $"--FlashSale:Auth:Jwt:Audience={TestIdentityProvider.Audience}");
        await AssertAcceptedAndRefusedAsync(platform, provider);
    }

    private static async Task AssertAcceptedAndRefusedAsync(Platform platform, TestIdentityProvider provider)
    {
        await TestShop.AddRegionsAsync(platform.Marketer);
        await TestShop.AddProductAsync(platform.Marketer, "SNEAKER-1");
        await Shoppers.CreateSaleAsync(platform, "idp", stock: 10, limit: 1);
        using var rs256 = Shoppers.WithToken(platform, provider.Token("idp|ana"));
        using var es256 = Shoppers.WithToken(platform, provider.Token("idp|ana", ellipticCurve: true));

        var placed = await Shoppers.OrderAsync(rs256, "ana-1", new { saleId = "idp", sku = "SNEAKER-1", quantity = 1, region = "BR" });
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("orderId").GetString()!;
        // The customer is the subject, whichever key signed: the same person's second unit is over the limit of 1.
        var second = await Shoppers.OrderAsync(es256, "ana-2", new { saleId = "idp", sku = "SNEAKER-1", quantity = 1, region = "BR" });
        var seenWithTheOtherKey = await es256.GetAsync($"/api/orders/{orderId}", TestContext.Current.CancellationToken);
        var forged = await Status(platform, provider.Forged("idp|ana"));
        var otherAudience = await Status(platform, provider.Token("idp|ana", audience: "another-app"));
        var platformsOwn = await Status(platform, platform.Tokens.Mint("bea@example.com").Token!);
        var adminWithProviderToken = await new HttpClient { BaseAddress = platform.Http.BaseAddress }.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/api/admin/sales") { Headers = { Authorization = new("Bearer", provider.Token("idp|ana")) } },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, seenWithTheOtherKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAudience);
        Assert.Equal(HttpStatusCode.OK, platformsOwn);
        Assert.Equal(HttpStatusCode.Forbidden, adminWithProviderToken.StatusCode);
    }

    private static async Task<HttpStatusCode> Status(Platform platform, string token)
    {
        using var shopper = Shoppers.WithToken(platform, token);
        return (await shopper.GetAsync("/api/orders", TestContext.Current.CancellationToken)).StatusCode;
    }
}
