namespace FlashSale.LoadTests.Scenarios;

/// <summary>
/// Whether a waiting room served its line in order. For each admitted shopper: when it sent its first request, when
/// that was answered (by then the front end had it: it arrived in between) and when it was let in (times in UTC ticks).
/// A violation is a shopper B let in before a shopper A who certainly arrived at least <see cref="Slack"/> earlier: A's
/// first answer came a second or more before B even sent its request (the issue's "no shopper admitted before one who
/// arrived 1 s earlier at the same front end"; a front end's own queue may reorder requests it has not answered yet).
/// Bounded: past <see cref="Capacity"/> shoppers no more are kept (and the figure says so).
/// </summary>
public sealed class LineOrder
{
    public const int Capacity = 4_000_000;
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private readonly List<Shopper> admitted = [];
    private long notKept;

    private readonly record struct Shopper(long Sent, long Answered, long Admitted);

    public void Admitted(DateTimeOffset sent, DateTimeOffset answered, DateTimeOffset admittedAt)
    {
        lock (gate)
        {
            if (admitted.Count < Capacity)
            {
                admitted.Add(new Shopper(sent.UtcTicks, answered.UtcTicks, admittedAt.UtcTicks));
                return;
            }
        }
        Interlocked.Increment(ref notKept);
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return admitted.Count;
            }
        }
    }

    public long NotKept => Interlocked.Read(ref notKept);

    /// <summary>Admissions that fall in [from, to): for goodput over the arrivals' window.</summary>
    public int AdmittedBetween(DateTimeOffset from, DateTimeOffset to)
    {
        lock (gate)
        {
            return admitted.Count(a => a.Admitted >= from.UtcTicks && a.Admitted < to.UtcTicks);
        }
    }

    /// <summary>Shoppers let in before someone whose place was answered a second or more before they sent their request.</summary>
    public long Violations()
    {
        Shopper[] bySent, byAnswered;
        lock (gate)
        {
            bySent = [.. admitted];
            byAnswered = [.. admitted];
        }
        Array.Sort(bySent, (a, b) => a.Sent.CompareTo(b.Sent));
        Array.Sort(byAnswered, (a, b) => a.Answered.CompareTo(b.Answered));
        long violations = 0;
        var latestAdmissionOfEarlier = long.MinValue;
        var earlier = 0;
        foreach (var shopper in bySent)
        {
            // Everyone surely in line a second before this shopper sent: the latest any of them was let in.
            while (earlier < byAnswered.Length && byAnswered[earlier].Answered <= shopper.Sent - Slack.Ticks)
            {
                latestAdmissionOfEarlier = Math.Max(latestAdmissionOfEarlier, byAnswered[earlier].Admitted);
                earlier++;
            }
            if (latestAdmissionOfEarlier > shopper.Admitted)
            {
                violations++;
            }
        }
        return violations;
    }
}
