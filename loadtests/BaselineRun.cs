using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Invariants;
using FlashSale.LoadTests.Measures;

namespace FlashSale.LoadTests;

/// <summary>The baseline's phase, what it is, how to check its own books, what its storage writes, and how to clean it up.</summary>
public sealed record BaselineRun(
    Phase Phase, string Description, Func<Task<IReadOnlyList<InvariantResult>>>? CheckAsync, WriteTally? Writes, Func<ValueTask> Dispose) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Dispose();
}
