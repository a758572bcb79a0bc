using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Invariants;
using FlashSale.LoadTests.Measures;

namespace FlashSale.LoadTests.Baselines;

/// <summary>
/// A purchase written without the platform (SQL, Redis): decrement guarded by stock and the per-customer limit, the
/// order recorded by its id (a repeat of an id is the same order). It remembers what it acknowledged, so its own books
/// can be checked as the platform's are.
/// </summary>
public abstract class PurchaseBaseline : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> acknowledged = new();

    protected PurchaseBaseline(IReadOnlyDictionary<string, (int Stock, int PerCustomerLimit)> items) => Items = items;

    /// <summary>Every item with its starting stock and per-customer limit.</summary>
    public IReadOnlyDictionary<string, (int Stock, int PerCustomerLimit)> Items { get; }

    public abstract string Describe { get; }

    /// <summary>What its storage writes, for bytes per purchase.</summary>
    public abstract IWrittenBytes Writes { get; }

    /// <summary>Order ids answered 201 during the run.</summary>
    public IReadOnlyCollection<string> Acknowledged => (IReadOnlyCollection<string>)acknowledged.Keys;

    /// <summary>201, 409 sold-out or 409 limit-exceeded; an acknowledged order is remembered for the check.</summary>
    public async Task<Answer> PurchaseAsync(string sku, string customer, string orderId)
    {
        var answer = await BuyAsync(sku, customer, orderId);
        if (answer.Success)
        {
            acknowledged.TryAdd(orderId, sku);
        }
        return answer;
    }

    /// <summary>The baseline's own books: no oversell, every acknowledged order present, per-customer limits kept.</summary>
    public async Task<IReadOnlyList<InvariantResult>> CheckAsync()
    {
        var books = await ReadBooksAsync();
        var results = new List<InvariantResult>();
        var orderedOf = books.Orders.Values.GroupBy(o => o.Sku).ToDictionary(g => g.Key, g => g.Sum(o => o.Quantity));
        var unbalanced = Items.Where(i => !books.Left.TryGetValue(i.Key, out var left) || left < 0
            || left + orderedOf.GetValueOrDefault(i.Key) != i.Value.Stock).Select(i => i.Key).ToList();
        var ordered = books.Orders.Values.Sum(o => o.Quantity);
        results.Add(new("baseline: no oversell (left >= 0, left + ordered == stock)", unbalanced.Count == 0, unbalanced.Count == 0
            ? $"{Items.Count:N0} item(s), {ordered:N0} units ordered, {books.Left.Values.Sum():N0} left"
            : $"{unbalanced.Count:N0} item(s) off, e.g. {string.Join(", ", unbalanced.Take(3).Select(sku => $"{sku}: {books.Left.GetValueOrDefault(sku)} left"))}"));
        var missing = Acknowledged.Where(id => !books.Orders.ContainsKey(id)).ToList();
        results.Add(new("baseline: every acknowledged order present", missing.Count == 0, missing.Count == 0
            ? $"{Acknowledged.Count:N0} of {Acknowledged.Count:N0} found"
            : $"{missing.Count:N0} of {Acknowledged.Count:N0} missing, e.g. {string.Join(", ", missing.Take(3))}"));
        var over = books.Orders.Values.GroupBy(o => (o.Sku, o.Customer))
            .Where(g => g.Sum(o => o.Quantity) > Items[g.Key.Sku].PerCustomerLimit).Select(g => $"{g.Key.Customer} has {g.Sum(o => o.Quantity)} of {g.Key.Sku}").ToList();
        results.Add(new("baseline: per-customer limit", over.Count == 0, over.Count == 0
            ? $"{books.Orders.Values.Select(o => o.Customer).Distinct().Count():N0} customers, none over the limit"
            : $"{over.Count:N0} over, e.g. {string.Join("; ", over.Take(3))}"));
        return results;
    }

    protected abstract Task<Answer> BuyAsync(string sku, string customer, string orderId);

    /// <summary>Units left per item and every order stored, read back from the baseline's storage.</summary>
    protected abstract Task<Books> ReadBooksAsync();

    public abstract ValueTask DisposeAsync();

    protected sealed record Books(IReadOnlyDictionary<string, int> Left, IReadOnlyDictionary<string, StoredOrder> Orders);

    protected sealed record StoredOrder(string Sku, string Customer, int Quantity);
}
