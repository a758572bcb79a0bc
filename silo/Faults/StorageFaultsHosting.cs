using Orleans.Storage;

namespace FlashSale.Silo.Faults;

internal static class StorageFaultsHosting
{
    /// <summary>Puts <see cref="FaultyGrainStorage"/> in front of the named grain storage already registered.</summary>
    public static void InjectStorageFaults(this IServiceCollection services, string storageName)
    {
        var real = services.Single(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, storageName));
        var create = real.KeyedImplementationFactory
            ?? throw new InvalidOperationException($"Grain storage '{storageName}' is not registered through a factory; faults cannot be injected.");
        services.Remove(real);
        services.AddKeyedSingleton<IGrainStorage>(storageName, (provider, key) =>
        {
            provider.GetRequiredService<StorageFaults>().LogEnabled(provider.GetRequiredService<ILoggerFactory>().CreateLogger<FaultyGrainStorage>());
            return new FaultyGrainStorage((IGrainStorage)create(provider, key), provider.GetRequiredService<IStorageFaults>());
        });
    }
}
