using FlashSale.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace FlashSale.Tests.Storage;

/// <summary>Our SQL under Orleans' real ADO.NET grain storage provider, on both back ends.</summary>
public sealed class GrainStorageTests
{
    public static TheoryData<Backend> Backends => [Backend.Sqlite, Backend.PostgreSql];

    [Theory, MemberData(nameof(Backends))]
    public async Task A_written_state_reads_back_with_its_version(Backend backend)
    {
        await using var store = await Store.CreateAsync(backend);
        using var silo = await SiloHost.StartAsync(store);
        var storage = Storage(silo);
        var grain = GrainId.Create("test", "round-trip");

        var written = new GrainState<string> { State = "50 units of SKU-1" };
        await storage.WriteStateAsync("round-trip", grain, written);
        var read = new GrainState<string>();
        await storage.ReadStateAsync("round-trip", grain, read);

        Assert.Equal("50 units of SKU-1", read.State);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        await silo.StopAsync();
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task A_write_from_a_stale_version_is_refused_and_changes_nothing(Backend backend)
    {
        await using var store = await Store.CreateAsync(backend);
        using var silo = await SiloHost.StartAsync(store);
        var storage = Storage(silo);
        var grain = GrainId.Create("test", "stale");

        var current = new GrainState<string> { State = "first" };
        await storage.WriteStateAsync("stale", grain, current);
        var stale = new GrainState<string> { State = "stale copy", ETag = current.ETag, RecordExists = true };
        current.State = "second";
        await storage.WriteStateAsync("stale", grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("stale", grain, stale));
        var read = new GrainState<string>();
        await storage.ReadStateAsync("stale", grain, read);
        Assert.Equal("second", read.State);
        await silo.StopAsync();
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task Two_hundred_racing_pairs_of_first_writes_leave_one_row_and_one_winner_each(Backend backend)
    {
        await using var store = await Store.CreateAsync(backend);
        using var silo = await SiloHost.StartAsync(store);
        var storage = Storage(silo);

        var pairs = Enumerable.Range(0, 200).Select(async i =>
        {
            var grain = GrainId.Create("test", $"race-{i}");
            var outcomes = await Task.WhenAll(
                TryWrite(storage, grain, $"a-{i}"),
                TryWrite(storage, grain, $"b-{i}"));
            var read = new GrainState<string>();
            await storage.ReadStateAsync("race", grain, read);
            return (Winners: outcomes.Where(o => o.Won).Select(o => o.Value).ToList(), Stored: read.State);
        });
        var results = await Task.WhenAll(pairs);

        Assert.All(results, pair =>
        {
            var winner = Assert.Single(pair.Winners);
            Assert.Equal(winner, pair.Stored);
        });
        Assert.Equal(200, await store.ScalarAsync("SELECT count(*) FROM OrleansStorage WHERE GrainTypeString = 'race'"));
        await silo.StopAsync();
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task Two_state_names_on_one_grain_key_keep_separate_records(Backend backend)
    {
        await using var store = await Store.CreateAsync(backend);
        using var silo = await SiloHost.StartAsync(store);
        var storage = Storage(silo);
        var grain = GrainId.Create("test", "shared-key");

        await storage.WriteStateAsync("stock", grain, new GrainState<string> { State = "stock record" });
        await storage.WriteStateAsync("promo", grain, new GrainState<string> { State = "promo record" });

        var stock = new GrainState<string>();
        var promo = new GrainState<string>();
        await storage.ReadStateAsync("stock", grain, stock);
        await storage.ReadStateAsync("promo", grain, promo);
        Assert.Equal("stock record", stock.State);
        Assert.Equal("promo record", promo.State);
        await silo.StopAsync();
    }

    [Fact]
    public void Every_grain_class_stores_its_state_under_a_name_of_its_own()
    {
        // A record is keyed by state name and grain key, not by grain class: a shared name would corrupt both.
        var names = typeof(FlashSale.StorageNames).Assembly.GetTypes()
            .Where(type => typeof(Grain).IsAssignableFrom(type))
            .SelectMany(type => type.GetConstructors().SelectMany(c => c.GetParameters())
                .SelectMany(p => p.GetCustomAttributes(typeof(PersistentStateAttribute), false).Cast<PersistentStateAttribute>())
                .Select(attribute => (Grain: type.Name, attribute.StateName)))
            .ToList();

        Assert.NotEmpty(names);
        Assert.All(names.GroupBy(n => n.StateName), group => Assert.Single(group.Select(n => n.Grain).Distinct()));
    }

    private static IGrainStorage Storage(IHost silo) =>
        silo.Services.GetRequiredKeyedService<IGrainStorage>(FlashSale.StorageNames.Main);

    private static async Task<(bool Won, string Value)> TryWrite(IGrainStorage storage, GrainId grain, string value)
    {
        try
        {
            await storage.WriteStateAsync("race", grain, new GrainState<string> { State = value });
            return (true, value);
        }
        catch (Exception e) when (e is InconsistentStateException or System.Data.Common.DbException)
        {
            return (false, value);
        }
    }
}
