namespace FlashSale.LoadTests.Measures;

/// <summary>Bytes one side wrote during its own slices: the counter read at each slice's start and end, the differences added up.</summary>
public sealed class WriteTally(IWrittenBytes counter)
{
    private long? before;

    public string What => counter.What;

    public long Bytes { get; private set; }

    /// <summary>Set when a reading failed: the figure is then left out rather than guessed.</summary>
    public string? Problem { get; private set; }

    public async Task BeginAsync() => before = await Read();

    public async Task EndAsync()
    {
        if (before is { } start && await Read() is { } end)
        {
            Bytes += Math.Max(0, end - start);
        }
        before = null;
    }

    /// <summary>Bytes per acknowledged hold (or purchase), null when nothing was acknowledged or a reading failed.</summary>
    public double? PerHold(long acknowledged) => Problem is null && acknowledged > 0 ? (double)Bytes / acknowledged : null;

    private async Task<long?> Read()
    {
        try
        {
            return await counter.ReadAsync();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            Problem = exception.Message;
            return null;
        }
    }
}
