using System.Text.Json;
using System.Text.RegularExpressions;

namespace FlashSale.Tests.Pages;

/// <summary>
/// One of the storefront's message catalogues (client/wwwroot/i18n/&lt;language&gt;.json), read as the page reads it,
/// so tests assert the words a shopper of that language sees without copying them.
/// </summary>
public sealed partial class Catalogue
{
    private readonly Dictionary<string, JsonElement> _messages;

    private Catalogue(string language, Dictionary<string, JsonElement> messages) => (Language, _messages) = (language, messages);

    public string Language { get; }

    public IReadOnlyDictionary<string, JsonElement> Messages => _messages;

    public static string Folder => Path.Combine(ToolRun.RepoRoot(), "client", "wwwroot", "i18n");

    public static IEnumerable<string> Languages =>
        Directory.GetFiles(Folder, "*.json").Select(file => Path.GetFileNameWithoutExtension(file)).Order(StringComparer.Ordinal);

    public static Catalogue Load(string language) =>
        new(language, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(Path.Combine(Folder, $"{language}.json")))!);

    /// <summary>The text of <paramref name="key"/> with each {name} replaced (a plural message: its "other" form).</summary>
    public string Text(string key, params (string Name, string Value)[] vars)
    {
        var message = _messages[key];
        var text = message.ValueKind == JsonValueKind.Object ? message.GetProperty("other").GetString()! : message.GetString()!;
        return vars.Aggregate(text, (current, v) => current.Replace($"{{{v.Name}}}", v.Value, StringComparison.Ordinal));
    }

    /// <summary>The texts of a message: one, or one per plural form.</summary>
    public static IEnumerable<(string Form, string Text)> Forms(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object
            ? message.EnumerateObject().Select(form => (form.Name, form.Value.GetString() ?? ""))
            : [("", message.GetString() ?? "")];

    public static ISet<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex PlaceholderPattern();
}
