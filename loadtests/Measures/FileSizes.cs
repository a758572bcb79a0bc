namespace FlashSale.LoadTests.Measures;

/// <summary>
/// The size of some files and folders (a SQLite file and its -wal, Redis' append-only folder): their growth is what
/// was written. A SQLite checkpoint reuses the -wal file from its start, so there growth is a lower bound.
/// </summary>
public sealed class FileSizes(string what, params string[] paths) : IWrittenBytes
{
    public string What { get; } = what;

    public Task<long> ReadAsync() => Task.FromResult(paths.Sum(Size));

    private static long Size(string path) =>
        File.Exists(path) ? new FileInfo(path).Length
        : Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => File.Exists(f) ? new FileInfo(f).Length : 0)
        : 0;
}
