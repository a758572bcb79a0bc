using System.Text.Json;
using System.Text.RegularExpressions;

namespace FlashSale.Tests.Identity;

/// <summary>The code goes out by SMTP to a real server when one is set, and the shopper signs in with it.</summary>
public sealed class SmtpDeliveryTests
{
    [Fact]
    public async Task A_code_mailed_through_a_real_SMTP_server_signs_the_shopper_in()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var platform = await Platform.StartAsync(store, "--FlashSale:Mail:Smtp:Host=127.0.0.1", $"--FlashSale:Mail:Smtp:Port={smtp.Port}",
            "--FlashSale:Mail:Smtp:Tls=None", "--FlashSale:Mail:Smtp:From=Shop <no-reply@shop.example>");

        var asked = await platform.Http.PostAsJsonAsync("/api/session", new { email = "carla@example.com" }, TestContext.Current.CancellationToken);
        var answer = await asked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(asked.StatusCode == HttpStatusCode.Accepted, $"{(int)asked.StatusCode}: {answer}\nSMTP server: {smtp.Received}");
        var challengeId = JsonDocument.Parse(answer).RootElement.GetProperty("challengeId").GetString()!;
        // The server has the message once the platform answered (it waits for the server's acceptance); its output may lag.
        await Eventually.TrueAsync(() => Task.FromResult(smtp.Received.Contains(challengeId)), "the SMTP server printed the message");
        var code = Regex.Match(smtp.Received, @"Subject: (\d{6}) is your FlashSale sign-in code").Groups[1].Value;
        var verified = await platform.Http.PostAsJsonAsync("/api/session/verify", new { challengeId, code }, TestContext.Current.CancellationToken);

        Assert.Contains("To: carla@example.com", smtp.Received);
        Assert.Contains("From: Shop <no-reply@shop.example>", smtp.Received);
        Assert.Contains($"Your sign-in code is {code}", smtp.Received);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.False(Directory.Exists(platform.Outbox) && Directory.EnumerateFiles(platform.Outbox).Any(), "nothing goes to the outbox when SMTP is set");
    }

    [Fact]
    public async Task With_the_SMTP_server_down_the_shopper_is_told_to_try_again_and_nothing_is_issued()
    {
        var port = FreePorts.Next();
        FreePorts.Release(port); // nothing listens there: the server is down
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var platform = await Platform.StartAsync(store, "--FlashSale:Mail:Smtp:Host=127.0.0.1", $"--FlashSale:Mail:Smtp:Port={port}",
            "--FlashSale:Mail:Smtp:Tls=None", "--FlashSale:Mail:Smtp:From=no-reply@shop.example");

        var asked = await platform.Http.PostAsJsonAsync("/api/session", new { email = "dora@example.com" }, TestContext.Current.CancellationToken);
        var body = await asked.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, asked.StatusCode);
        Assert.Equal("/problems/unavailable", body.GetProperty("type").GetString());
        Assert.NotNull(asked.Headers.RetryAfter);
        Assert.False(body.TryGetProperty("challengeId", out _));
    }
}
