using Orleans.Runtime;

namespace FlashSale.Silo.Storage;

/// <summary>Holds the silo's start at its first stage until the database is reachable and migrated.</summary>
internal sealed class DatabaseGate(SchemaMigrator migrator) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DatabaseGate), ServiceLifecycleStage.First, migrator.ApplyWhenReachableAsync);
}
