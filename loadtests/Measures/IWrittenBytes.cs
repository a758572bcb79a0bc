namespace FlashSale.LoadTests.Measures;

/// <summary>A counter of what a storage has written so far (a WAL position, files' sizes): read before and after a slice.</summary>
public interface IWrittenBytes
{
    /// <summary>"PostgreSQL WAL (whole server)", "SQLite file + -wal growth".</summary>
    string What { get; }

    Task<long> ReadAsync();
}
