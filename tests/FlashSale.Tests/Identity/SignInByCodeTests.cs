using System.Net.Http.Headers;
using System.Text.Json;

namespace FlashSale.Tests.Identity;

/// <summary>Sign-in by a mailed one-time code, through the real flow and the default settings (the outbox: no SMTP set).</summary>
public sealed class SignInByCodeTests : PlatformTest
{
    [Fact]
    public async Task No_token_without_the_code_and_the_code_works_once()
    {
        var asked = await Platform.Http.PostAsJsonAsync("/api/session", new { email = "Ana@Example.com" }, TestContext.Current.CancellationToken);
        var challenge = await asked.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var challengeId = challenge.GetProperty("challengeId").GetString()!;
        var message = Outbox.MessageFor(Platform.Outbox, challengeId);
        var code = Outbox.CodeFor(Platform.Outbox, challengeId);

        var first = await VerifyAsync(challengeId, code);
        var session = await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var again = await VerifyAsync(challengeId, code);

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.False(challenge.TryGetProperty("token", out _));
        Assert.InRange(challenge.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Equal("ana@example.com", Assert.Single(message.To.Mailboxes).Address);
        Assert.Contains(code, message.Subject);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(FlashSale.Sales.SaleRules.CustomerIdFor("ana@example.com"), session.GetProperty("customerId").GetString());
        Assert.True(session.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(11));
        using var shopper = Shoppers.WithToken(Platform, session.GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync("/api/orders", TestContext.Current.CancellationToken)).StatusCode);
        await AssertProblemAsync(again, HttpStatusCode.Gone, "/problems/code-expired");
    }

    [Fact]
    public async Task Wrong_codes_are_refused_and_the_fifth_ends_the_challenge_even_for_the_right_code()
    {
        var challengeId = await AskAsync("bruno@example.com");
        var code = Outbox.CodeFor(Platform.Outbox, challengeId);
        var wrong = WrongCode(code);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await VerifyAsync(challengeId, wrong));
        }
        var right = await VerifyAsync(challengeId, code);

        for (var i = 0; i < 4; i++)
        {
            var problem = await AssertProblemAsync(answers[i], HttpStatusCode.BadRequest, "/problems/code-invalid");
            Assert.Contains($"{4 - i} tr", problem.GetProperty("detail").GetString());
            Assert.Equal(4 - i, problem.GetProperty("triesLeft").GetInt32());
            Assert.True(problem.GetProperty("errors").TryGetProperty("code", out _));
        }
        await AssertProblemAsync(answers[4], HttpStatusCode.Gone, "/problems/code-expired");
        await AssertProblemAsync(right, HttpStatusCode.Gone, "/problems/code-expired");
    }

    [Fact]
    public async Task A_made_up_challenge_is_expired_and_malformed_input_names_its_field()
    {
        var madeUp = await VerifyAsync(new string('a', 32), "123456");
        var malformed = await Platform.Http.PostAsJsonAsync("/api/session/verify", new { challengeId = "../x", code = "12a" }, TestContext.Current.CancellationToken);
        var noEmail = await Platform.Http.PostAsJsonAsync("/api/session", new { email = "not-an-address" }, TestContext.Current.CancellationToken);

        await AssertProblemAsync(madeUp, HttpStatusCode.Gone, "/problems/code-expired");
        var problem = await AssertProblemAsync(malformed, HttpStatusCode.BadRequest, "/problems/validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("challengeId", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("code", out _));
        Assert.True((await AssertProblemAsync(noEmail, HttpStatusCode.BadRequest, "/problems/validation")).GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task Codes_asked_from_one_address_are_limited_whatever_emails_they_name()
    {
        // The default: 60 codes an hour per client address (every request of this test comes from 127.0.0.1).
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Platform.Http.PostAsJsonAsync("/api/session", new { email = $"many-{i}@example.com" }, TestContext.Current.CancellationToken)).StatusCode);
        }
        var refused = await Platform.Http.PostAsJsonAsync("/api/session", new { email = "one-more@example.com" }, TestContext.Current.CancellationToken);

        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "/problems/rate-limited");
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(50), TimeSpan.FromHours(1));
        Assert.Equal(60, Directory.GetFiles(Platform.Outbox, "*.eml").Length);
    }

    [Fact]
    public async Task Another_persons_orders_stay_out_of_reach()
    {
        await Shoppers.CreateSaleAsync(Platform, "private", stock: 10, limit: 2);
        using var ana = Shoppers.WithToken(Platform, await Shoppers.SignInByCodeAsync(Platform, "ana@example.com"));
        using var eve = Shoppers.WithToken(Platform, await Shoppers.SignInByCodeAsync(Platform, "eve@example.com"));
        var placed = await Shoppers.OrderAsync(ana, "ana-1", new { saleId = "private", sku = "SNEAKER-1", quantity = 1, region = "BR" });
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("orderId").GetString()!;

        var read = await eve.GetAsync($"/api/orders/{orderId}", TestContext.Current.CancellationToken);
        var paid = await eve.PostAsJsonAsync($"/api/orders/{orderId}/pay", new { paymentMethod = "test-card" }, TestContext.Current.CancellationToken);
        var cancelled = await eve.PostAsync($"/api/orders/{orderId}/cancel", null, TestContext.Current.CancellationToken);
        var evesList = await eve.GetFromJsonAsync<JsonElement>("/api/orders", TestContext.Current.CancellationToken);
        var anasOrder = await ana.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { read.StatusCode, paid.StatusCode, cancelled.StatusCode });
        Assert.DoesNotContain(orderId, evesList.GetRawText());
        Assert.Equal("reserved", anasOrder.GetProperty("status").GetString());
    }

    private async Task<string> AskAsync(string email)
    {
        var asked = await Platform.Http.PostAsJsonAsync("/api/session", new { email }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        return (await asked.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("challengeId").GetString()!;
    }

    private Task<HttpResponseMessage> VerifyAsync(string challengeId, string code) =>
        Platform.Http.PostAsJsonAsync("/api/session/verify", new { challengeId, code }, TestContext.Current.CancellationToken);

    internal static string WrongCode(string code) => ((int.Parse(code) + 1) % 1_000_000).ToString("D6");

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(type, body.GetProperty("type").GetString());
        return body;
    }
}
