using System.Reflection;
using FlashSale.Silo.Settings;

namespace FlashSale.Silo.Storage;

/// <summary>
/// Reads the schema shipped in this assembly: <c>Schema/&lt;Provider&gt;/&lt;NNN-name&gt;/schema.sql</c> holds the DDL of
/// version NNN, every other <c>.sql</c> file beside it is the text of the OrleansQuery key it is named after.
/// </summary>
public static class SchemaScripts
{
    public static IReadOnlyList<SchemaVersion> For(StorageProvider provider)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var prefix = $"Schema/{provider}/";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => (Folder: name[prefix.Length..name.LastIndexOf('/')], File: name[(name.LastIndexOf('/') + 1)..], Resource: name))
            .GroupBy(entry => entry.Folder)
            .Select(version => ToVersion(assembly, version.Key, version.ToList()))
            .OrderBy(version => version.Number)
            .ToList();
    }

    private static SchemaVersion ToVersion(Assembly assembly, string folder, List<(string Folder, string File, string Resource)> files)
    {
        var dash = folder.IndexOf('-');
        var number = int.Parse(dash > 0 ? folder[..dash] : folder, System.Globalization.CultureInfo.InvariantCulture);
        var ddl = files.SingleOrDefault(f => f.File == "schema.sql").Resource is { } schema ? Read(assembly, schema) : "";
        var queries = files
            .Where(f => f.File != "schema.sql")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f.File), f => Read(assembly, f.Resource), StringComparer.Ordinal);
        return new SchemaVersion(number, folder, ddl, queries);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Schema resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
