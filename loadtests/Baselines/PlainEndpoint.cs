using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Baselines;

/// <summary>
/// The plain baseline (<see cref="PlainServer"/>) in a process of its own, as the platform is one: the tool starts
/// itself in its hidden <c>serve-plain</c> mode before the baseline rounds and kills it after them, also when the run
/// fails or is aborted (the process ends as well when its standard input closes, so it never outlives the tool).
/// What HTTP alone costs, with the same scheduling and the same loopback hop as the platform.
/// </summary>
public sealed class PlainEndpoint : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Process process;
    private readonly string cannedFile;
    private readonly HttpClient http;
    private readonly EventHandler onExit;

    private PlainEndpoint(Process process, string cannedFile, Uri address, int connections)
    {
        this.process = process;
        this.cannedFile = cannedFile;
        Address = address;
        Pid = process.Id;
        // As the tool's client of the platform (HttpTarget): the same pool, no decompression.
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        onExit = (_, _) => Kill(process);
        AppDomain.CurrentDomain.ProcessExit += onExit;
    }

    public Uri Address { get; }

    /// <summary>The process serving it, reported with the baseline so a run can show it was another process.</summary>
    public int Pid { get; }

    /// <param name="canned">The platform's answers by path and query, fetched from it before the run.</param>
    /// <param name="stock">Units the counter sells, the candidate's stock.</param>
    /// <param name="connections">Connections the tool opens to it, as many as to the platform.</param>
    public static async Task<PlainEndpoint> StartAsync(IReadOnlyDictionary<string, (string ContentType, byte[] Body)> canned, int stock, int connections)
    {
        var cannedFile = Path.Combine(Path.GetTempPath(), $"flashsale-plain-{Guid.NewGuid():N}.json");
        var answers = canned.ToDictionary(c => c.Key, c => new PlainServer.CannedAnswer(c.Value.ContentType, c.Value.Body));
        await File.WriteAllBytesAsync(cannedFile, JsonSerializer.SerializeToUtf8Bytes(new PlainServer.Canned(answers, stock)));
        var start = Itself();
        start.ArgumentList.Add("serve-plain");
        start.ArgumentList.Add("--canned");
        start.ArgumentList.Add(cannedFile);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var errors = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && errors.Count < 50)
            {
                errors.Enqueue(line);
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        try
        {
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (first is null || !first.StartsWith(PlainServer.ListeningPrefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The plain endpoint did not start: {first} {string.Join(" | ", errors.TakeLast(5))}");
            }
            return new PlainEndpoint(process, cannedFile, new Uri(first[PlainServer.ListeningPrefix.Length..]), connections);
        }
        catch
        {
            Kill(process);
            await process.WaitForExitAsync();
            process.Dispose();
            File.Delete(cannedFile);
            throw;
        }
    }

    /// <summary>
    /// Asks it for every canned answer a few times before the rounds: it must answer the platform's very bytes, and its
    /// code is compiled by then, as the platform's is after the set-up.
    /// </summary>
    public async Task CheckAndWarmAsync(IReadOnlyDictionary<string, (string ContentType, byte[] Body)> canned, int times = 20)
    {
        for (var i = 0; i < times; i++)
        {
            await Parallel.ForEachAsync(canned, async (answer, cancellation) =>
            {
                var body = await http.GetByteArrayAsync(answer.Key, cancellation);
                if (!body.AsSpan().SequenceEqual(answer.Value.Body))
                {
                    throw new InvalidOperationException($"The plain endpoint answered {answer.Key} with {body.Length:N0} bytes, not the platform's {answer.Value.Body.Length:N0}.");
                }
            });
        }
    }

    public async Task<Answer> GetAsync(string pathAndQuery)
    {
        using var response = await http.GetAsync(pathAndQuery);
        await response.Content.ReadAsByteArrayAsync();
        return new Answer((int)response.StatusCode);
    }

    public async Task<(Answer, Shopper?)> SignInAsync(string email)
    {
        using var response = await http.PostAsJsonAsync("/api/session", new { email }, Json);
        if (!response.IsSuccessStatusCode)
        {
            return (new Answer((int)response.StatusCode), null);
        }
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (new Answer((int)response.StatusCode), new Shopper(body!["customerId"]!.GetValue<string>(), body["token"]!.GetValue<string>()));
    }

    /// <summary>One hold: one request, as the platform's.</summary>
    public async Task<Answer> HoldAsync(Shopper shopper, string idempotencyKey, OrderLine line)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(line, options: Json) };
        request.Headers.Authorization = new("Bearer", shopper.Token);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return new Answer((int)response.StatusCode, response.StatusCode == HttpStatusCode.Conflict ? "sold-out" : null);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        AppDomain.CurrentDomain.ProcessExit -= onExit;
        Kill(process);
        await process.WaitForExitAsync();
        process.Dispose();
        File.Delete(cannedFile);
    }

    /// <summary>This tool again: its own executable, or <c>dotnet</c> with its entry assembly when run that way.</summary>
    private static ProcessStartInfo Itself()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The tool's own executable is unknown.");
        if (Path.GetFileNameWithoutExtension(path) != "dotnet")
        {
            return new ProcessStartInfo(path);
        }
        var start = new ProcessStartInfo(path);
        start.ArgumentList.Add(System.Reflection.Assembly.GetEntryAssembly()!.Location);
        return start;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }
    }
}
