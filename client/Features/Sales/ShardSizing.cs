using FlashSale.Client.Settings;
using FlashSale.Sales;

namespace FlashSale.Client.Features.Sales;

/// <summary>
/// How many shards an item of a new sale gets at most (<see cref="SaleRules.ShardsPerItemFor"/>):
/// <c>FlashSale:Sales:ShardsPerItem</c> (1-8) when set, else one per active silo of the cluster, at least 2.
/// </summary>
public sealed class ShardSizing(int? configured)
{
    public const string Setting = "FlashSale:Sales:ShardsPerItem";

    public static ShardSizing From(IConfiguration configuration) =>
        new(string.IsNullOrWhiteSpace(configuration[Setting])
            ? null
            : (int)WholeNumberSetting.Read(configuration, Setting, SaleRules.MaxShards, 1, $"a whole number of shards from 1 to {SaleRules.MaxShards}", max: SaleRules.MaxShards));

    public async Task<int> MaxShardsAsync(IGrainFactory grains)
    {
        if (configured is { } shards)
        {
            return shards;
        }
        var silos = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return SaleRules.ShardsPerItemFor(silos.Count);
    }
}
