using FlashSale.Silo.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Tests.Infrastructure;

/// <summary>
/// The platform's rehearsal faults with a switch a test flips: off while it sets a store up or checks recovery, on
/// while the burst it tests runs. Composed by the test (<see cref="StartAsync"/>), so production code has no switch.
/// </summary>
public sealed class SwitchableFaults(StorageFaults faults) : IStorageFaults
{
    /// <summary>Whether writes fail now; off at start.</summary>
    public bool On { get; set; }

    public long BeforeCommit => faults.BeforeCommit;

    public long AfterCommit => faults.AfterCommit;

    public FaultPoint Next() => On ? faults.Next() : FaultPoint.None;

    /// <summary>A platform with storage faults at <paramref name="rate"/> (seeded), switched off until the test says.</summary>
    public static async Task<(Platform Platform, SwitchableFaults Faults)> StartAsync(Store store, double rate, int seed)
    {
        var platform = await Platform.StartAsync(
            store,
            services => services.AddSingleton<IStorageFaults>(provider => new SwitchableFaults(provider.GetRequiredService<StorageFaults>())),
            FormattableString.Invariant($"--FlashSale:Faults:StorageWrites={rate}"), FormattableString.Invariant($"--FlashSale:Faults:Seed={seed}"));
        return (platform, (SwitchableFaults)platform.App.Services.GetRequiredService<IStorageFaults>());
    }
}
