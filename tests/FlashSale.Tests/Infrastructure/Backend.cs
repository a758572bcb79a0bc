namespace FlashSale.Tests.Infrastructure;

/// <summary>The two real storage back ends every storage-facing test runs on.</summary>
public enum Backend
{
    Sqlite,
    PostgreSql,
}
