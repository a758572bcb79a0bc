using FlashSale.LoadTests.Engine;

namespace FlashSale.LoadTests;

/// <summary>The baseline's phase, what it is, how to check its own books, and how to clean it up.</summary>
public sealed record BaselineRun(Phase Phase, string Description, Func<Task<(bool, string)>>? CheckAsync, Func<ValueTask> Dispose) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Dispose();
}
