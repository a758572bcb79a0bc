using System.Runtime.CompilerServices;
using System.Threading.Channels;
using FlashSale.Pricing;
using FlashSale.Sales;

namespace FlashSale.Client.Features.LiveStock;

/// <summary>
/// The live stock of each watched sale, read once per front end every <see cref="Tick"/> (from the silos' cached
/// catalog, never storage) and fanned out to every stream watching it: a thousand watchers of a sale cost one read a
/// tick, not a thousand. A watcher that falls behind gets only the latest message. A sale's feed stops when its last
/// watcher leaves, and when the sale ends, after telling every watcher; a stream also ends after its lifetime and when
/// the front end stops.
/// </summary>
public sealed class StockFeeds(
    IGrainFactory grains, ShopClock clock, EventStreamSettings settings, IHostApplicationLifetime host, ILogger<StockFeeds> logger)
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    /// <summary>An unchanged state is sent again this often, so proxies and browsers know the stream is alive.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Feed> _feeds = new(StringComparer.Ordinal);

    /// <summary>Sales whose stock this front end is reading now (one read a tick each).</summary>
    public int Polling
    {
        get
        {
            lock (_gate)
            {
                return _feeds.Count;
            }
        }
    }

    /// <summary>Every change of sale <paramref name="saleId"/>'s stock or status, starting with how it stands now.</summary>
    public async IAsyncEnumerable<StockEvent> Watch(string saleId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, host.ApplicationStopping);
        stop.CancelAfter(settings.Lifetime);
        // Room for one message: a slow watcher skips to the latest instead of holding a queue.
        var watcher = Channel.CreateBounded<StockEvent>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var feed = Join(saleId, watcher);
        try
        {
            while (true)
            {
                try
                {
                    if (!await watcher.Reader.WaitToReadAsync(stop.Token))
                    {
                        yield break;
                    }
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                while (watcher.Reader.TryRead(out var message))
                {
                    yield return message;
                }
            }
        }
        finally
        {
            Leave(feed, watcher);
        }
    }

    private Feed Join(string saleId, Channel<StockEvent> watcher)
    {
        lock (_gate)
        {
            if (!_feeds.TryGetValue(saleId, out var feed))
            {
                feed = new Feed(saleId);
                _feeds[saleId] = feed;
                _ = Poll(feed);
            }
            feed.Watchers.Add(watcher);
            if (feed.Last is { } last)
            {
                watcher.Writer.TryWrite(last);
            }
            return feed;
        }
    }

    private void Leave(Feed feed, Channel<StockEvent> watcher)
    {
        lock (_gate)
        {
            feed.Watchers.Remove(watcher);
            if (feed.Watchers.Count == 0)
            {
                Stop(feed);
            }
        }
    }

    private async Task Poll(Feed feed)
    {
        using var timer = new PeriodicTimer(Tick);
        string? fingerprint = null;
        var sentAt = DateTimeOffset.MinValue;
        try
        {
            do
            {
                try
                {
                    if (await grains.Pricing().GetSale(feed.SaleId) is not { } sale)
                    {
                        continue;
                    }
                    var now = clock.GetUtcNow();
                    var status = SaleRules.Status(sale.Definition, sale.Control, now);
                    var items = sale.Items.Select(i => new StockEventItem(
                        i.Sku, Math.Max(0, i.Available), i.Stock, AdminSaleView.Wire(SaleRules.ItemStatus(status, i.Available)))).ToList();
                    var current = $"{status}|{string.Join('|', items.Select(i => $"{i.Sku}:{i.Available}:{i.Stock}:{i.Status}"))}";
                    if (current != fingerprint || now - sentAt > KeepAlive)
                    {
                        (fingerprint, sentAt) = (current, now);
                        Publish(feed, new StockEvent(feed.SaleId, AdminSaleView.Wire(status), items, now), ended: status == SaleStatus.Ended);
                    }
                    if (status == SaleStatus.Ended)
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The cluster may be back at the next tick; the watchers keep what they last saw meanwhile.
                    logger.LogDebug("Reading the stock of sale {SaleId} for its live streams failed: {Reason}", feed.SaleId, e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(feed.Stopping.Token));
        }
        catch (OperationCanceledException)
        {
            // The last watcher left.
        }
    }

    /// <summary>Sends a message to every watcher; the last one of an ended sale closes their streams and the feed.</summary>
    private void Publish(Feed feed, StockEvent message, bool ended)
    {
        lock (_gate)
        {
            feed.Last = message;
            foreach (var watcher in feed.Watchers)
            {
                watcher.Writer.TryWrite(message);
                if (ended)
                {
                    watcher.Writer.TryComplete();
                }
            }
            if (ended)
            {
                Stop(feed);
            }
        }
    }

    /// <summary>Stops a feed (under the lock); a later watcher of the sale starts a new one.</summary>
    private void Stop(Feed feed)
    {
        if (_feeds.TryGetValue(feed.SaleId, out var current) && current == feed)
        {
            _feeds.Remove(feed.SaleId);
        }
        feed.Stopping.Cancel();
    }

    private sealed class Feed(string saleId)
    {
        public string SaleId { get; } = saleId;

        public List<Channel<StockEvent>> Watchers { get; } = [];

        public StockEvent? Last { get; set; }

        public CancellationTokenSource Stopping { get; } = new();
    }
}
