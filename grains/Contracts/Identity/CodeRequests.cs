namespace FlashSale.Identity;

/// <summary>The codes sent to one email address in the last hour, and the rule for sending another (pure).</summary>
[GenerateSerializer, Immutable, Alias("flashsale.code-requests")]
public sealed record CodeRequests([property: Id(0)] ImmutableArray<DateTimeOffset> Sent)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public static CodeRequests None { get; } = new(ImmutableArray<DateTimeOffset>.Empty);

    /// <summary>
    /// Whether a code may be sent at <paramref name="now"/>: the requests with this one counted, or how long to wait.
    /// Only the last hour is kept, so the record stays as small as the limit.
    /// </summary>
    public (CodeRequests Next, TimeSpan? RetryAfter) Admit(DateTimeOffset now, CodeRequestLimits limits)
    {
        var recent = Sent.Where(at => now - at < Window).ToImmutableArray();
        if (recent.Length > 0 && now - recent[^1] < limits.Resend)
        {
            return (this with { Sent = recent }, recent[^1] + limits.Resend - now);
        }
        if (limits.PerHour > 0 && recent.Length >= limits.PerHour)
        {
            return (this with { Sent = recent }, recent[^limits.PerHour] + Window - now);
        }
        return (new CodeRequests(recent.Add(now)), null);
    }
}
