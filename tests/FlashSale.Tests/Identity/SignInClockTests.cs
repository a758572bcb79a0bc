using System.Text.Json;
using FlashSale;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlashSale.Tests.Identity;

/// <summary>What sign-in does as time passes, with the shop's clock driven by the test: expiry and the per-email pace.</summary>
public sealed class SignInClockTests : PlatformTest
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new ShopClock(clock));

    [Fact]
    public async Task A_code_works_until_its_tenth_minute_and_not_after()
    {
        var (inTime, inTimeCode) = await AskAsync("early@example.com");
        var (late, lateCode) = await AskAsync("late@example.com");

        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var justInTime = await VerifyAsync(inTime, inTimeCode);
        clock.Advance(TimeSpan.FromSeconds(1));
        var tooLate = await VerifyAsync(late, lateCode);

        Assert.Equal(HttpStatusCode.OK, justInTime.StatusCode);
        await SignInByCodeTests.AssertProblemAsync(tooLate, HttpStatusCode.Gone, "/problems/code-expired");
    }

    [Fact]
    public async Task One_email_gets_a_code_every_30_seconds_and_five_an_hour()
    {
        var answers = new List<HttpResponseMessage> { await AskRawAsync("paced@example.com") };
        var tooSoon = await AskRawAsync("paced@example.com");
        for (var i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            answers.Add(await AskRawAsync("paced@example.com"));
        }
        clock.Advance(TimeSpan.FromSeconds(30));
        var sixth = await AskRawAsync("paced@example.com");
        clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(150));
        var anHourAfterTheFirst = await AskRawAsync("paced@example.com");

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        await SignInByCodeTests.AssertProblemAsync(tooSoon, HttpStatusCode.TooManyRequests, "/problems/rate-limited");
        Assert.Equal(TimeSpan.FromSeconds(30), tooSoon.Headers.RetryAfter!.Delta);
        await SignInByCodeTests.AssertProblemAsync(sixth, HttpStatusCode.TooManyRequests, "/problems/rate-limited");
        // The first of the five was 150 s before: the sixth may come an hour after it.
        Assert.Equal(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(150), sixth.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.Accepted, anHourAfterTheFirst.StatusCode);
    }

    private async Task<(string ChallengeId, string Code)> AskAsync(string email)
    {
        var asked = await AskRawAsync(email);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var challengeId = (await asked.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("challengeId").GetString()!;
        return (challengeId, Outbox.CodeFor(Platform.Outbox, challengeId));
    }

    private Task<HttpResponseMessage> AskRawAsync(string email) =>
        Platform.Http.PostAsJsonAsync("/api/session", new { email }, TestContext.Current.CancellationToken);

    private Task<HttpResponseMessage> VerifyAsync(string challengeId, string code) =>
        Platform.Http.PostAsJsonAsync("/api/session/verify", new { challengeId, code }, TestContext.Current.CancellationToken);
}
