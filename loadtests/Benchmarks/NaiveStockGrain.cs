using Orleans;
using Orleans.Runtime;

namespace FlashSale.Benchmarks;

[Alias("flashsale.bench.naive-stock")]
public interface INaiveStockGrain : IGrainWithStringKey
{
    [Alias("hold")]
    Task<bool> Hold();

    [Alias("stock")]
    Task SetStock(int units);
}

[GenerateSerializer, Alias("flashsale.bench.naive-stock-state")]
public sealed class NaiveStockState
{
    [Id(0)]
    public int Units { get; set; }
}

/// <summary>The grain a user would write without us: one awaited storage write per purchase.</summary>
public sealed class NaiveStockGrain([PersistentState("bench-naive-stock", StorageNames.Main)] IPersistentState<NaiveStockState> stock)
    : Grain, INaiveStockGrain
{
    public async Task<bool> Hold()
    {
        if (stock.State.Units <= 0)
        {
            return false;
        }
        stock.State.Units--;
        await stock.WriteStateAsync();
        return true;
    }

    public async Task SetStock(int units)
    {
        stock.State.Units = units;
        await stock.WriteStateAsync();
    }
}
