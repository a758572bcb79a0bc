using System.Text.Json;
using System.Text.Json.Serialization;
using FlashSale.LoadTests.Reports.Summary;

namespace FlashSale.LoadTests.Reports;

/// <summary>summary.json: written beside the reports, read back by <c>report</c>; its shape is summary.schema.json.</summary>
public static class SummaryFile
{
    public const string Name = "summary.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void Write(RunSummary summary, string path) => File.WriteAllText(path, JsonSerializer.Serialize(summary, Json) + "\n");

    public static RunSummary Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(path), Json) ?? throw new JsonException("empty");
        }
        catch (JsonException bad)
        {
            throw new Engine.UsageException($"{path} is not a summary.json of this tool: {bad.Message}");
        }
    }
}
