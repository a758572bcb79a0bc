using System.Text.Json;
using Json.Schema;

namespace FlashSale.Tests.Infrastructure;

/// <summary>The schema of the load-test tool's summary.json, as kept in the repo, and a check of a file against it.</summary>
public static class SummarySchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(ToolRun.RepoRoot(), "loadtests", "Reports", "summary.schema.json"))));

    /// <summary>Every place the file breaks the schema ("/phases/0/steps/1: Required properties [...] are not present"); empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(string summaryJson)
    {
        using var document = JsonDocument.Parse(summaryJson);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))];
    }

    public static JsonElement ValidFile(string path)
    {
        var text = File.ReadAllText(path);
        var errors = Errors(text);
        Assert.True(errors.Count == 0, $"{path} does not match summary.schema.json:\n{string.Join('\n', errors)}\n{text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
