using FlashSale.Catalog;
using FlashSale.Placement;
using FlashSale.Silo.Faults;
using FlashSale.Silo.Health;
using FlashSale.Silo.Journal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using FlashSale.Silo.Settings;
using FlashSale.Silo.Storage;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace FlashSale.Silo;

/// <summary>Composition shared by the silo host and the web front (which co-hosts a silo when standalone).</summary>
public static class FlashSaleHosting
{
    /// <summary>Reads and checks the settings (throws <see cref="SettingsException"/>) and registers storage services; hosts call it through <see cref="ServiceDefaults.AddFlashSaleServiceDefaults"/>.</summary>
    public static FlashSaleSettings AddFlashSaleSettings(this IHostApplicationBuilder builder)
    {
        var settings = FlashSaleSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<Database>();
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.Configure<HostOptions>(host =>
        {
            // Start the web server beside Orleans, so health answers "not ready" while the database is awaited.
            host.ServicesStartConcurrently = true;
            host.ShutdownTimeout = TimeSpan.FromSeconds(30);
        });
        return settings;
    }

    /// <summary>A silo in this process: the silo host, and the web front in standalone mode.</summary>
    public static IHostApplicationBuilder AddFlashSaleSilo(this IHostApplicationBuilder builder, FlashSaleSettings settings)
    {
        builder.UseOrleans(silo =>
        {
            silo.UseFlashSale(settings);
            if (Telemetry.ExportsTraces(builder.Configuration))
            {
                silo.AddActivityPropagation();
            }
        });
        StartDashboardAfterSilo(builder.Services);
        return builder;
    }

    public static ISiloBuilder UseFlashSale(this ISiloBuilder silo, FlashSaleSettings settings)
    {
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ServiceId = settings.ServiceId;
            cluster.ClusterId = settings.ClusterId;
        });
        if (settings.Mode == ClusterMode.AdoNet)
        {
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = settings.Invariant;
                options.ConnectionString = settings.ConnectionString;
            });
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            // A silo that stops answering is declared dead after three missed 2 s probes (Orleans waits 5 s a probe):
            // its shards come back elsewhere in seconds. A silo that is itself degraded extends its probes' timeout.
            silo.Configure<ClusterMembershipOptions>(membership => membership.ProbeTimeout = TimeSpan.FromSeconds(2));
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }
        silo.AddAdoNetGrainStorage(StorageNames.Main, options => options.Configure<Serializer>((storage, serializer) =>
        {
            storage.Invariant = settings.Invariant;
            storage.ConnectionString = settings.ConnectionString;
            // Orleans' binary format: compact, fast and version tolerant for [GenerateSerializer] state.
            storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.Services.AddSingleton(new StorageFaults(settings.StorageWriteFaults, settings.FaultSeed));
        silo.Services.AddSingleton<IStorageFaults>(provider => provider.GetRequiredService<StorageFaults>());
        if (settings.StorageWriteFaults > 0)
        {
            silo.Services.InjectStorageFaults(StorageNames.Main);
        }
        silo.Services.AddShardJournal(settings);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, DatabaseGate>();
        // A hot item's stock shards on as many silos as there are, not all where the sale was created.
        silo.AddPlacementDirector<SpreadByIndexPlacement, SpreadByIndexPlacementDirector>();
        // Grain and silo statistics for the operations dashboard (served by the front ends at /dashboard).
        silo.AddDashboard();
        silo.Services.TryAddSingleton(new ShopClock(TimeProvider.System));
        silo.Services.AddSingleton<CatalogCache>();
        return silo;
    }

    /// <summary>
    /// The dashboard's hosted service starts once the application has (every hosted service, the silo among them,
    /// started): started with the others, it calls grains of a silo that is not up yet and logs warnings and stack
    /// traces at every start.
    /// </summary>
    private static void StartDashboardAfterSilo(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationFactory?.Method.DeclaringType?.Namespace?.StartsWith("Orleans.Dashboard", StringComparison.Ordinal) == true).ToList())
        {
            services.Remove(descriptor);
            services.AddSingleton<IHostedService>(provider => new StartedLater(
                (IHostedService)descriptor.ImplementationFactory!(provider), provider.GetRequiredService<IHostApplicationLifetime>()));
        }
    }

    /// <summary>An external Orleans client of an ADO.NET cluster (the web front in cluster mode).</summary>
    public static IHostApplicationBuilder AddFlashSaleClusterClient(this IHostApplicationBuilder builder, FlashSaleSettings settings)
    {
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = settings.ServiceId;
                cluster.ClusterId = settings.ClusterId;
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = settings.Invariant;
                options.ConnectionString = settings.ConnectionString;
            });
            client.UseConnectionRetryFilter<KeepTryingToConnect>();
            client.AddDashboard();
            if (Telemetry.ExportsTraces(builder.Configuration))
            {
                client.AddActivityPropagation();
            }
        });
        return builder;
    }
}
