namespace FlashSale.Silo.Settings;

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}
