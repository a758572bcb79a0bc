namespace FlashSale.Silo.Settings;

public enum ClusterMode
{
    /// <summary>One process: the web front co-hosts a silo with localhost clustering.</summary>
    Standalone,

    /// <summary>Silos and front ends meet through ADO.NET membership on PostgreSQL.</summary>
    AdoNet,
}
