namespace FlashSale.Tests.Infrastructure;

/// <summary>Waits on a condition (never a fixed sleep), failing after a generous bound.</summary>
public static class Eventually
{
    public static async Task<T> SucceedsAsync<T>(Func<Task<T>> attempt, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Yield();
                await Task.Delay(50);
            }
        }
    }

    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null) => TrueAsync(condition, () => what, within);

    /// <param name="what">What was awaited, asked when it did not come (it may show the last values read).</param>
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what()}.");
            }
            await Task.Delay(50);
        }
    }
}
