using FlashSale.Silo.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Tests.Storage;

public sealed class SchemaTests
{
    public static TheoryData<Backend> Backends => [Backend.Sqlite, Backend.PostgreSql];

    [Theory, MemberData(nameof(Backends))]
    public async Task Migrating_applies_each_version_once_and_a_second_run_changes_nothing(Backend backend)
    {
        await using var store = await Store.CreateAsync(backend);
        var migrator = new SchemaMigrator(new Database(store.Settings()), NullLogger<SchemaMigrator>.Instance);

        var first = await migrator.ApplyAsync(TestContext.Current.CancellationToken);
        var second = await migrator.ApplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SchemaScripts.For(store.Settings().Storage).Select(v => v.Number), first);
        Assert.Empty(second);
        Assert.Equal(first.Count, await store.ScalarAsync("SELECT count(*) FROM FlashSaleSchema"));
        Assert.Equal(3, await store.ScalarAsync(
            "SELECT count(*) FROM OrleansQuery WHERE QueryKey IN ('ReadFromStorageKey', 'WriteToStorageKey', 'ClearStorageKey')"));
    }

    [Fact]
    public async Task Silos_migrating_at_the_same_moment_apply_the_schema_once()
    {
        await using var store = await Store.CreateAsync(Backend.PostgreSql);
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            new SchemaMigrator(new Database(store.Settings()), NullLogger<SchemaMigrator>.Instance)
                .ApplyAsync(TestContext.Current.CancellationToken)));

        Assert.Single(runs, applied => applied.Count > 0);
        Assert.Equal(runs.Sum(r => r.Count), await store.ScalarAsync("SELECT count(*) FROM FlashSaleSchema"));
        Assert.Equal(9, await store.ScalarAsync("SELECT count(*) FROM OrleansQuery WHERE QueryKey LIKE '%Membership%' OR QueryKey LIKE '%Gateways%' OR QueryKey LIKE '%IAmAlive%' OR QueryKey LIKE 'Cleanup%'"));
    }
}
