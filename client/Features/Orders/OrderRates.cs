using System.Collections.Concurrent;

namespace FlashSale.Client.Features.Orders;

/// <summary>Orders per second of each sale, from the order counts seen by successive stats reads in this front end.</summary>
public sealed class OrderRates(ShopClock clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, Queue<(DateTimeOffset At, long Orders)>> _samples = new(StringComparer.Ordinal);

    public double Observe(string saleId, long orders)
    {
        var now = clock.GetUtcNow();
        var samples = _samples.GetOrAdd(saleId, _ => new Queue<(DateTimeOffset, long)>());
        lock (samples)
        {
            samples.Enqueue((now, orders));
            while (samples.Count > 2 && now - samples.Peek().At > Window)
            {
                samples.Dequeue();
            }
            var (oldestAt, oldestOrders) = samples.Peek();
            var seconds = (now - oldestAt).TotalSeconds;
            return seconds < 0.5 ? 0 : Math.Round(Math.Max(0, orders - oldestOrders) / seconds, 1);
        }
    }
}
