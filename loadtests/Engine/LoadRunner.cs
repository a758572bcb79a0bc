namespace FlashSale.LoadTests.Engine;

/// <summary>
/// Drives a phase for a slice of time with the open or closed model, sampling every step once a second. Cancelling
/// stops the arrivals; shoppers already on their way are waited for up to <paramref name="drainLimit"/>.
/// </summary>
public sealed class LoadRunner(LoadModel model, LoadProfile profile, int maxInFlight, Action<Tick> onTick, TimeSpan drainLimit)
{
    private readonly Stopwatch run = Stopwatch.StartNew();
    private long inFlight;

    public LoadModel Model { get; } = model;
    public LoadProfile Profile { get; } = profile;

    /// <summary>Shoppers still waiting for an answer (after a drain: those that outlived it).</summary>
    public long StillInFlight => Interlocked.Read(ref inFlight);

    /// <summary>Seconds since the run began, for the time axis shared by every phase.</summary>
    public double RunSeconds => run.Elapsed.TotalSeconds;

    public async Task RunSliceAsync(Phase phase, double sliceSeconds, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var sliceStart = Stopwatch.GetTimestamp();
        var startSecond = RunSeconds;
        var lastSample = sliceStart;
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await Wait(timer, stop.Token))
            {
                lastSample = Sample(phase, sliceStart, lastSample, sliceSeconds);
            }
        }, CancellationToken.None);

        var arrivals = Model == LoadModel.Open ? OpenAsync(phase, sliceStart, sliceSeconds, cancel) : ClosedAsync(phase, sliceStart, sliceSeconds, cancel);
        // The closed model's workers end once their shopper is answered: wait for the arrivals to end, not for a hung answer.
        using var sliceOver = new CancellationTokenSource();
        var stopped = WhenStoppedAsync(cancel, drainLimit, sliceOver.Token);
        await Task.WhenAny(arrivals, stopped);
        phase.AddSlice(startSecond, Math.Min(sliceSeconds, Stopwatch.GetElapsedTime(sliceStart).TotalSeconds));

        // Answers still on their way belong to this slice: wait for them (bounded), then take the last sample.
        var drain = Stopwatch.StartNew();
        while (Interlocked.Read(ref inFlight) > 0 && drain.Elapsed < drainLimit)
        {
            await Task.Delay(10, CancellationToken.None);
        }
        await stop.CancelAsync();
        await sliceOver.CancelAsync();
        await Task.WhenAll(sampler, stopped);
        Sample(phase, sliceStart, lastSample, sliceSeconds);
    }

    private long Sample(Phase phase, long sliceStart, long lastSample, double sliceSeconds)
    {
        var now = Stopwatch.GetTimestamp();
        var length = Stopwatch.GetElapsedTime(lastSample, now).TotalSeconds;
        var sliceSecond = Stopwatch.GetElapsedTime(sliceStart, now).TotalSeconds;
        var level = Profile.LevelAt(Math.Min(sliceSecond, sliceSeconds), sliceSeconds);
        var samples = phase.Steps.Values.Select(s => s.Sample(RunSeconds, length, level, DateTimeOffset.UtcNow)).ToList();
        onTick(new Tick(phase, RunSeconds, sliceSecond, sliceSeconds, level, Interlocked.Read(ref inFlight), samples));
        return now;
    }

    private async Task OpenAsync(Phase phase, long sliceStart, double sliceSeconds, CancellationToken cancel)
    {
        var next = 0.0;
        while (!cancel.IsCancellationRequested)
        {
            var now = Stopwatch.GetElapsedTime(sliceStart).TotalSeconds;
            if (now >= sliceSeconds)
            {
                return;
            }
            while (next <= now && next < sliceSeconds)
            {
                var level = Profile.LevelAt(next, sliceSeconds);
                if (level <= 0)
                {
                    next += 0.01;
                    continue;
                }
                var scheduled = sliceStart + (long)(next * Stopwatch.Frequency);
                next += 1.0 / level;
                if (Interlocked.Read(ref inFlight) >= maxInFlight)
                {
                    phase.CountDropped();
                    continue;
                }
                Launch(phase, scheduled);
            }
            await Task.Delay(1, CancellationToken.None);
        }
    }

    private void Launch(Phase phase, long scheduled)
    {
        Interlocked.Increment(ref inFlight);
        phase.CountStarted();
        _ = Task.Run(async () =>
        {
            try
            {
                await phase.Iteration(new Iteration(phase, scheduled));
            }
            catch (Exception)
            {
                phase.CountCrashed();
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        });
    }

    private async Task ClosedAsync(Phase phase, long sliceStart, double sliceSeconds, CancellationToken cancel)
    {
        var workers = (int)Math.Ceiling(Profile.Peak);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            while (!cancel.IsCancellationRequested)
            {
                var now = Stopwatch.GetElapsedTime(sliceStart).TotalSeconds;
                if (now >= sliceSeconds)
                {
                    return;
                }
                if (worker >= Profile.LevelAt(now, sliceSeconds))
                {
                    await Task.Delay(20, CancellationToken.None);
                    continue;
                }
                Interlocked.Increment(ref inFlight);
                phase.CountStarted();
                try
                {
                    await phase.Iteration(new Iteration(phase, Stopwatch.GetTimestamp()));
                }
                catch (Exception)
                {
                    phase.CountCrashed();
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }
        }, CancellationToken.None)));
    }

    /// <summary>Completes <paramref name="grace"/> after <paramref name="cancel"/> fires, or when the slice is over.</summary>
    private static async Task WhenStoppedAsync(CancellationToken cancel, TimeSpan grace, CancellationToken sliceOver)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancel, sliceOver);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
        }
        try
        {
            await Task.Delay(sliceOver.IsCancellationRequested ? TimeSpan.Zero : grace, sliceOver);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<bool> Wait(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
