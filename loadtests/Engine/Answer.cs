namespace FlashSale.LoadTests.Engine;

/// <summary>What the platform answered to one step: the HTTP status (the in-process target maps to the same codes) and the problem type's slug.</summary>
public readonly record struct Answer(int Status, string? Problem = null)
{
    public bool Success => Status is >= 200 and < 300;

    /// <summary>How reports bucket it: "201", "409 sold-out", "timeout".</summary>
    public string Label => Status == 0 ? Problem ?? "error" : Problem is null ? Status.ToString(CultureInfo.InvariantCulture) : $"{Status} {Problem}";

    public static Answer Ok(int status = 200) => new(status);

    /// <summary>No answer at all: the request failed on the way (timeout, connection refused, ...).</summary>
    public static Answer Failure(Exception exception) => new(0, exception switch
    {
        TaskCanceledException or TimeoutException => "timeout",
        HttpRequestException => "connection-error",
        _ => exception.GetType().Name,
    });

    /// <summary>The answer a report label stands for ("409 sold-out", "201", "timeout").</summary>
    public static Answer FromLabel(string label)
    {
        var space = label.IndexOf(' ');
        return space > 0 && int.TryParse(label[..space], CultureInfo.InvariantCulture, out var status) ? new Answer(status, label[(space + 1)..])
            : int.TryParse(label, CultureInfo.InvariantCulture, out var bare) ? new Answer(bare) : new Answer(0, label);
    }
}
