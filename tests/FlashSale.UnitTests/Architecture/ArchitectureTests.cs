namespace FlashSale.UnitTests.Architecture;

/// <summary>
/// Dependencies point one way: no folder of features uses a type of another that uses one of its own, directly or
/// around a longer loop. A loop here is what makes a change in one feature break another.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void The_contracts_feature_folders_do_not_depend_on_each_other_in_a_loop() =>
        AssertNoCycles(SourceMap.Read(Root, ["grains/Contracts"], path => FolderUnder(path, "grains/Contracts/")));

    [Fact]
    public void The_grains_feature_folders_do_not_depend_on_each_other_in_a_loop() =>
        AssertNoCycles(SourceMap.Read(Root, ["grains/Grains"], path => FolderUnder(path, "grains/Grains/")));

    [Fact]
    public void The_web_front_features_and_its_cross_cutting_folders_do_not_depend_on_each_other_in_a_loop() =>
        AssertNoCycles(SourceMap.Read(Root, ["client"], WebFrontRoom));

    [Fact]
    public void The_contracts_know_nothing_of_the_grains_the_web_front_or_http()
    {
        var contracts = Directory.EnumerateFiles(Path.Combine(Root, "grains/Contracts"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains("/bin/") && !path.Contains("/obj/"))
            .SelectMany(path => File.ReadLines(path).Select(line => (File: Path.GetFileName(path), Line: line.Trim())))
            .Where(line => line.Line.StartsWith("using ", StringComparison.Ordinal))
            .Where(line => line.Line.Contains("FlashSale.Grains") || line.Line.Contains("FlashSale.Client") ||
                line.Line.Contains("Microsoft.AspNetCore") || line.Line.Contains("System.Net.Http"))
            .Select(line => $"{line.File}: {line.Line}")
            .ToList();
        Assert.True(contracts.Count == 0, "the contracts import the layers above them:\n" + string.Join("\n", contracts));
    }

    [Fact]
    public void A_loop_is_found_and_named_with_the_files_that_make_it()
    {
        // The check itself, on a two-folder loop written for it: it must see the loop and say where it is.
        var scratch = Directory.CreateTempSubdirectory("architecture-");
        try
        {
            Directory.CreateDirectory(Path.Combine(scratch.FullName, "src/Orders"));
            Directory.CreateDirectory(Path.Combine(scratch.FullName, "src/Promos"));
            Directory.CreateDirectory(Path.Combine(scratch.FullName, "src/Money"));
            File.WriteAllText(Path.Combine(scratch.FullName, "src/Orders/Order.cs"), "public sealed record Order(PromoCode Code, Amount Total) { Amount Zero => new Amount(0); }");
            File.WriteAllText(Path.Combine(scratch.FullName, "src/Promos/PromoCode.cs"), "// Order is not a use\npublic sealed record PromoCode(string Text) { public Order? First; }");
            File.WriteAllText(Path.Combine(scratch.FullName, "src/Money/Amount.cs"), "public readonly record struct Amount(decimal Value) { string Note => \"Order\"; void PromoCode() { } }");

            var map = SourceMap.Read(scratch.FullName, ["src"], path => FolderUnder(path, "src/"));

            var cycle = Assert.Single(map.Cycles());
            Assert.Equal(["Orders", "Promos"], cycle);
            Assert.Equal(["PromoCode.cs: Order"], map.Evidence("Promos", "Orders"));
            Assert.Empty(map.UsedBy("Money"));
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static void AssertNoCycles(SourceMap map)
    {
        Assert.NotEmpty(map.Rooms);
        var cycles = map.Cycles();
        var explained = cycles.Select(cycle => string.Join("\n", cycle.SelectMany(from => cycle
            .Where(to => map.Evidence(from, to).Count > 0)
            .Select(to => $"  {from} -> {to} ({string.Join(", ", map.Evidence(from, to).Take(4))})"))));
        Assert.True(cycles.Count == 0, "folders that depend on each other in a loop:\n" + string.Join("\n\n", explained));
    }

    private static string? FolderUnder(string path, string prefix)
    {
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = path[prefix.Length..];
        var slash = rest.IndexOf('/');
        return slash < 0 ? null : rest[..slash];
    }

    /// <summary>client/Features/X is the room X; any other folder of client/ is a room of its own (Auth, Problems...).</summary>
    private static string? WebFrontRoom(string path)
    {
        var folder = FolderUnder(path, "client/");
        return folder switch
        {
            null => null,
            "Features" => FolderUnder(path, "client/Features/") is { } feature ? "Features/" + feature : null,
            _ => folder,
        };
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Orleans.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
