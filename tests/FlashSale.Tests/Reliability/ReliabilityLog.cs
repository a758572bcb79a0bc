namespace FlashSale.Tests.Reliability;

/// <summary>The figures of fault runs: in the test log and appended to TestResults/reliability.log for the long tier's report.</summary>
public static class ReliabilityLog
{
    public static void Write(string line)
    {
        line = $"{DateTime.UtcNow:O} {line}";
        TestContext.Current.SendDiagnosticMessage(line);
        var folder = Path.Combine(ToolRun.RepoRoot(), "TestResults");
        Directory.CreateDirectory(folder);
        lock (typeof(ReliabilityLog))
        {
            File.AppendAllText(Path.Combine(folder, "reliability.log"), line + "\n");
        }
    }
}
