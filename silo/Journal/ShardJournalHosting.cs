using FlashSale.Orders;
using FlashSale.Silo.Faults;
using FlashSale.Silo.Settings;
using Orleans.Serialization;

namespace FlashSale.Silo.Journal;

internal static class ShardJournalHosting
{
    /// <summary>The stock shards' journal on the configured database (behind the rehearsal faults when they are on).</summary>
    public static IServiceCollection AddShardJournal(this IServiceCollection services, FlashSaleSettings settings)
    {
        services.AddSingleton(new ShardJournalOptions(settings.JournalSnapshotEvery));
        services.AddSingleton<IShardJournal>(provider =>
        {
            var serializer = provider.GetRequiredService<Serializer>();
            IShardJournal journal = settings.Storage == StorageProvider.PostgreSql
                ? new PostgresShardJournal(settings, serializer)
                : new SqliteShardJournal(settings, serializer);
            return settings.StorageWriteFaults > 0 ? new FaultyShardJournal(journal, provider.GetRequiredService<IStorageFaults>()) : journal;
        });
        return services;
    }
}
