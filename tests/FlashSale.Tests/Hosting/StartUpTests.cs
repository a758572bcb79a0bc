namespace FlashSale.Tests.Hosting;

/// <summary>What a newcomer reads when the embedded default starts: where things are, and nothing alarming.</summary>
[Collection(ProcessHeavyCollection.Name)]
public sealed class StartUpTests
{
    [Fact]
    public async Task A_first_start_says_where_the_store_console_reference_and_data_are_with_no_warning_or_stack_trace()
    {
        var data = Directory.CreateTempSubdirectory("flashsale-start-").FullName;
        try
        {
            var first = await StartAndReadOutputAsync(data);
            var key = (await File.ReadAllTextAsync(Path.Combine(data, "marketer.key"))).Trim();
            var second = await StartAndReadOutputAsync(data);

            foreach (var output in new[] { first, second })
            {
                var lines = output.Split('\n');
                Assert.DoesNotContain(lines, line => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal));
                Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
                foreach (var place in new[] { "Storefront:", "Marketer console:", "API reference:", "Data:" })
                {
                    Assert.Contains(place, output, StringComparison.Ordinal);
                }
            }
            // The key once, at the first start only.
            Assert.Contains(key, first, StringComparison.Ordinal);
            Assert.DoesNotContain(key, second, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Starts the embedded default as a process with its own log levels, waits for its start-up lines, stops it.</summary>
    private static async Task<string> StartAndReadOutputAsync(string data)
    {
        var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        await using var process = PlatformProcess.Start("client", quiet: false,
            $"--FlashSale:DataDirectory={data}", $"--urls={url}",
            $"--FlashSale:Cluster:SiloPort={FreePorts.Next()}", $"--FlashSale:Cluster:GatewayPort={FreePorts.Next()}");
        await process.WaitReadyAsync(url);
        await Eventually.TrueAsync(() => Task.FromResult(process.AllOutput.Contains("Data:", StringComparison.Ordinal)), "the start-up lines are printed");
        return process.AllOutput;
    }
}
