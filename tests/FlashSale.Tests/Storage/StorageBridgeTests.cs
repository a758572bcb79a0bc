using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace FlashSale.Tests.Storage;

/// <summary>
/// What Orleans 10.4's storage bridge does with concurrent WriteStateAsync calls of one activation: it
/// coalesces them (20 calls, one row version). We still own the batching (GroupCommit) on purpose: the
/// provider serialises the state after it yields, so a reentrant grain that keeps changing its state
/// must hand it a copy (seen here as "Collection was modified" under load); we need the batch sizes for
/// the figures; and a failed write must fail every caller it covered and drop the activation.
/// </summary>
public sealed class StorageBridgeTests
{
    [Fact]
    public async Task Concurrent_writes_of_one_activation_are_coalesced_into_fewer_storage_writes()
    {
        await using var store = await Store.CreateAsync(Backend.PostgreSql);
        using var silo = await SiloHost.StartAsync(store);
        var grains = silo.Services.GetRequiredService<IGrainFactory>();

        var report = await grains.GetGrain<IConcurrentWriteProbeGrain>("probe").WriteConcurrently(20);
        var storedVersion = await store.ScalarAsync("SELECT Version FROM OrleansStorage WHERE GrainTypeString = 'concurrent-write-probe'");

        Assert.Equal((20, 0), (report.Succeeded, report.Failed));
        Assert.Equal(report.StoredVersion, storedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(storedVersion, 1, 19);
        await silo.StopAsync();
    }
}
