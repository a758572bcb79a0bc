namespace FlashSale;

/// <summary>The grain storage providers the silo configures.</summary>
public static class StorageNames
{
    /// <summary>Everything durable: ADO.NET storage on SQLite or PostgreSQL.</summary>
    public const string Main = "flashsale";
}
