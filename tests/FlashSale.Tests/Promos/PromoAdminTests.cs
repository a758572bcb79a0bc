using System.Text.Json;
using FlashSale.Sales;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Tests.Promos;

/// <summary>
/// Creating promo codes is safe to retry: a code whose allowance shares did not all start is completed by the same
/// create again, or by the code's own housekeeping; a batch retried with its Idempotency-Key answers the same codes.
/// </summary>
public sealed class PromoAdminTests : PlatformTest
{
    /// <summary>A code capped at 1,000 redemptions spreads them over 8 allowance shares.</summary>
    private const int Shares = 8;

    private readonly FailingWrites _faults = new();

    protected override void ConfigureServices(IServiceCollection services) => _faults.Install(services);

    [Fact]
    public async Task A_code_whose_share_failed_to_start_is_completed_by_the_same_create_again()
    {
        await Shoppers.CreateSaleAsync(Platform, "share-retry", stock: 100, limit: 5, "BR");
        var body = new { code = "share10", kind = "percent", percent = 10, maxRedemptions = 1000 };
        _faults.FailNext("promo-allowance", "SHARE10/3");

        var first = await Marketers.PostAsync(Platform, "/api/admin/promo-codes", body);
        var retry = await Marketers.PostAsync(Platform, "/api/admin/promo-codes", body);
        var changed = await Marketers.PostAsync(Platform, "/api/admin/promo-codes", new { code = "SHARE10", kind = "percent", percent = 50, maxRedemptions = 1000 });
        using var shopper = await Shoppers.SignInAsync(Platform, EmailOnShare(3));
        var order = await Shoppers.OrderAsync(shopper, "with-code", new { saleId = "share-retry", sku = "SNEAKER-1", quantity = 1, region = "BR", promoCode = "SHARE10" });
        var code = await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/promo-codes/SHARE10");

        Assert.Equal(1, _faults.Failed);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        Assert.Equal((10m, 1), (code.GetProperty("percent").GetDecimal(), code.GetProperty("held").GetInt32()));
    }

    [Fact]
    public async Task A_code_whose_share_failed_to_start_is_repaired_without_a_retry()
    {
        await Shoppers.CreateSaleAsync(Platform, "share-repair", stock: 100, limit: 100, "BR");
        _faults.FailNext("promo-allowance", "HOUSE10/5");

        var create = await Marketers.PostAsync(Platform, "/api/admin/promo-codes", new { code = "HOUSE10", kind = "percent", percent = 10, maxRedemptions = 1000 });
        using var shopper = await Shoppers.SignInAsync(Platform, EmailOnShare(5));
        var attempt = 0;
        await Eventually.TrueAsync(
            async () => (await Shoppers.OrderAsync(shopper, $"try-{++attempt}", new { saleId = "share-repair", sku = "SNEAKER-1", quantity = 1, region = "BR", promoCode = "HOUSE10" }))
                .StatusCode == HttpStatusCode.Created,
            "a shopper on the share that failed to start can use the code");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, create.StatusCode);
        Assert.Equal(1, _faults.Failed);
        // The effect: the code exists with its rules and cap, and counts the shopper's hold on the repaired share.
        var code = await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/promo-codes/HOUSE10");
        Assert.Equal((10m, 1000, 1), (code.GetProperty("percent").GetDecimal(), code.GetProperty("maxRedemptions").GetInt32(), code.GetProperty("held").GetInt32()));
    }

    /// <summary>
    /// A create whose write committed but whose answer was lost (the marketer saw a timeout) is sent again with the same
    /// body once shoppers already use the code: it answers 201 as a create, and changes nothing (no second allowance,
    /// no reset of what is held), for a code of one allowance and for a code shared over allowance shares.
    /// </summary>
    [Theory]
    [InlineData("LOST1", 1)]
    [InlineData("LOSTSHARED", 101)]
    public async Task A_create_sent_again_after_its_answer_was_lost_is_answered_as_created_and_changes_nothing(string code, int cap)
    {
        var sale = $"lost-{code.ToLowerInvariant()}";
        await Shoppers.CreateSaleAsync(Platform, sale, stock: 100, limit: 5, "BR");
        var body = new { code, kind = "percent", percent = 10, maxRedemptions = cap };
        Assert.Equal(HttpStatusCode.Created, (await Marketers.PostAsync(Platform, "/api/admin/promo-codes", body)).StatusCode);
        using var first = await Shoppers.SignInAsync(Platform, $"{sale}-first@example.com");
        Assert.Equal(HttpStatusCode.Created, (await Shoppers.OrderAsync(first, "k", new { saleId = sale, sku = "SNEAKER-1", quantity = 1, region = "BR", promoCode = code })).StatusCode);

        var again = await Marketers.PostAsync(Platform, "/api/admin/promo-codes", body);
        var view = await Platform.Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/promo-codes/{code}");

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal((0, 1, cap), (view.GetProperty("redeemed").GetInt32(), view.GetProperty("held").GetInt32(), view.GetProperty("maxRedemptions").GetInt32()));
        if (cap == 1)
        {
            // The cap is still used up by the first shopper's hold: the repeat gave the code no second allowance.
            using var second = await Shoppers.SignInAsync(Platform, $"{sale}-second@example.com");
            var refused = await Shoppers.OrderAsync(second, "k", new { saleId = sale, sku = "SNEAKER-1", quantity = 1, region = "BR", promoCode = code });
            Assert.Equal((422, "/problems/promo-rejected"), ((int)refused.StatusCode, await Marketers.ProblemTypeAsync(refused)));
        }
    }

    [Fact]
    public async Task A_batch_retried_with_its_key_answers_the_same_codes()
    {
        object Body(int count) => new { prefix = "rt", count, template = new { kind = "percent", percent = 15 } };

        var first = await Marketers.PostAsync(Platform, "/api/admin/promo-codes/batch", Body(50), key: "batch-1");
        var retry = await Marketers.PostAsync(Platform, "/api/admin/promo-codes/batch", Body(50), key: "batch-1");
        var changed = await Marketers.PostAsync(Platform, "/api/admin/promo-codes/batch", Body(51), key: "batch-1");
        var other = await Marketers.PostAsync(Platform, "/api/admin/promo-codes/batch", Body(50), key: "batch-2");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var codes = await CodesOf(first);
        Assert.Equal(50, codes.Distinct().Count());
        Assert.Equal(codes, await CodesOf(retry));
        Assert.Equal((422, "/problems/idempotency-key-reused"), ((int)changed.StatusCode, await Marketers.ProblemTypeAsync(changed)));
        Assert.Empty(codes.Intersect(await CodesOf(other)));
        Assert.All(codes, code => Assert.StartsWith("RT-", code));
    }

    private static async Task<string[]> CodesOf(HttpResponseMessage response) =>
        [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)];

    /// <summary>An email whose shopper always lands on allowance share <paramref name="share"/> of a code.</summary>
    private static string EmailOnShare(int share) =>
        Enumerable.Range(0, 1000).Select(i => $"share-{i}@example.com").First(email => SaleRules.ShardFor(SaleRules.CustomerIdFor(email), Shares) == share);
}
