using System.Net;
using System.Text.Json;
using HdrHistogram;

namespace FlashSale.LoadTests.Scenarios;

/// <summary>
/// Many shoppers' browsers watching a sale's live stock (<c>GET /api/sales/{id}/events</c>, server-sent events), each
/// on a connection of its own, and how late each saw each change. A change is a hold: the k-th acknowledged hold is the
/// k-th unit gone, so a stream that reports <c>available = stock - k</c> has seen it; its delay is from the k-th
/// acknowledgement to the moment the message was read (0 when the stream showed it before the acknowledgement came
/// back). Memory per connection is a 1 kB read buffer and a few counters; delays go to one shared histogram.
/// </summary>
public sealed class StockWatchers : IAsyncDisposable
{
    /// <summary>Changes one message records at most (evenly spread, each weighted): bounded work when a message covers many holds.</summary>
    private const int SamplesPerMessage = 64;
    private const int OpeningAtOnce = 64;

    private readonly HttpClient http;
    private readonly string path;
    private readonly string sku;
    private readonly int stock;
    private readonly long[] acknowledged;
    private readonly LongConcurrentHistogram delays = new(1, 120_000_000, 3);
    private readonly LongConcurrentHistogram firstMessage = new(1, 120_000_000, 3);
    private readonly CancellationTokenSource closing = new();
    private readonly List<Task> readers = [];
    private readonly int[] lastSeen;
    private long acks;
    private long opened;
    private long refused;
    private long failedToOpen;
    private long dropped;
    private long messages;
    private long seenBeforeAck;

    public StockWatchers(Uri platform, string saleId, string sku, int stock, int connections)
    {
        this.sku = sku;
        this.stock = stock;
        path = $"/api/sales/{Uri.EscapeDataString(saleId)}/events?region=";
        acknowledged = new long[stock];
        lastSeen = new int[connections];
        Array.Fill(lastSeen, -1);
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = platform,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public int Connections => lastSeen.Length;
    public long Opened => Interlocked.Read(ref opened);
    public long Refused => Interlocked.Read(ref refused);
    public long FailedToOpen => Interlocked.Read(ref failedToOpen);
    public long Dropped => Interlocked.Read(ref dropped);
    public long Messages => Interlocked.Read(ref messages);
    public long SeenBeforeAck => Interlocked.Read(ref seenBeforeAck);
    public HistogramBase Delays => delays;
    public HistogramBase FirstMessage => firstMessage;

    /// <summary>A hold was acknowledged now: one more unit gone.</summary>
    public void Acknowledged()
    {
        var k = Interlocked.Increment(ref acks);
        if (k <= acknowledged.Length)
        {
            Volatile.Write(ref acknowledged[k - 1], Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Opens every connection (a few at a time) and waits until each has its first message, refused or failed, or <paramref name="limit"/> passed.</summary>
    public async Task OpenAsync(IReadOnlyList<string> regions, TimeSpan limit, Action<string> log)
    {
        using var opening = new SemaphoreSlim(OpeningAtOnce);
        var firsts = new List<Task>();
        for (var n = 0; n < Connections; n++)
        {
            await opening.WaitAsync();
            var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var index = n;
            readers.Add(Task.Run(() => ReadAsync(index, regions[index % regions.Count], connected)));
            firsts.Add(connected.Task.ContinueWith(_ => opening.Release(), TaskScheduler.Default));
            if ((n + 1) % 500 == 0)
            {
                log($"streams: {n + 1:N0}/{Connections:N0} opening");
            }
        }
        await Task.WhenAny(Task.WhenAll(firsts), Task.Delay(limit));
    }

    /// <summary>How many open connections have seen <paramref name="available"/> (the final stock) by now.</summary>
    public int SawAvailable(int available) => lastSeen.Count(seen => seen == available);

    private async Task ReadAsync(int index, string region, TaskCompletionSource connected)
    {
        var asked = Stopwatch.GetTimestamp();
        var open = false;
        try
        {
            using var response = await http.GetAsync(path + region, HttpCompletionOption.ResponseHeadersRead, closing.Token);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Interlocked.Increment(ref refused);
                return;
            }
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failedToOpen);
                return;
            }
            await using var body = await response.Content.ReadAsStreamAsync(closing.Token);
            using var reader = new StreamReader(body, System.Text.Encoding.UTF8, false, 1024);
            var seenUnits = -1;
            while (await reader.ReadLineAsync(closing.Token) is { } line)
            {
                if (!line.StartsWith("data:", StringComparison.Ordinal) || Available(line.AsSpan(5)) is not { } available)
                {
                    continue;
                }
                var now = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref messages);
                var units = stock - available;
                if (!open)
                {
                    open = true;
                    Interlocked.Increment(ref opened);
                    firstMessage.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(asked, now).TotalMicroseconds));
                    connected.TrySetResult();
                }
                else if (units > seenUnits)
                {
                    Record(seenUnits, units, now);
                }
                seenUnits = Math.Max(seenUnits, units);
                Volatile.Write(ref lastSeen[index], available);
            }
            // The platform ended the stream before the run did.
            if (!closing.IsCancellationRequested)
            {
                Interlocked.Increment(ref dropped);
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
        }
        catch (Exception) when (!closing.IsCancellationRequested)
        {
            Interlocked.Increment(ref open ? ref dropped : ref failedToOpen);
        }
        finally
        {
            if (!closing.IsCancellationRequested)
            {
                // Closed before the run ended: it sees nothing more.
                Volatile.Write(ref lastSeen[index], int.MinValue);
            }
            connected.TrySetResult();
        }
    }

    /// <summary>Delays of changes (from, to]: the k-th change's acknowledgement to now, a bounded sample of them weighted.</summary>
    private void Record(int from, int to, long now)
    {
        var changes = to - from;
        var step = Math.Max(1, changes / SamplesPerMessage);
        for (var k = from + 1; k <= to; k += step)
        {
            var weight = Math.Min(step, to - k + 1);
            var at = k - 1 < acknowledged.Length ? Volatile.Read(ref acknowledged[k - 1]) : 0;
            if (at == 0 || at > now)
            {
                Interlocked.Add(ref seenBeforeAck, weight);
                delays.RecordValueWithCount(1, weight);
                continue;
            }
            delays.RecordValueWithCount(Math.Max(1, (long)Stopwatch.GetElapsedTime(at, now).TotalMicroseconds), weight);
        }
    }

    private int? Available(ReadOnlySpan<char> json)
    {
        try
        {
            using var message = JsonDocument.Parse(json.ToString());
            foreach (var item in message.RootElement.GetProperty("items").EnumerateArray())
            {
                if (item.GetProperty("sku").GetString() == sku)
                {
                    return item.GetProperty("available").GetInt32();
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        await Task.WhenAll(readers);
        http.Dispose();
        closing.Dispose();
    }
}
