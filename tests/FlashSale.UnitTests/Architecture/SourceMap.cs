using System.Text.RegularExpressions;

namespace FlashSale.UnitTests.Architecture;

/// <summary>
/// The repository's C# sources grouped into folders ("rooms"), and which room uses a type another room declares. Read
/// from the source text, so it sees what a reader sees: a type named in a file is a dependency of that file's room.
/// </summary>
internal sealed partial class SourceMap
{
    private readonly Dictionary<string, Dictionary<string, SortedSet<string>>> _uses = new(StringComparer.Ordinal);

    private SourceMap()
    {
    }

    public IReadOnlyCollection<string> Rooms => _uses.Keys;

    /// <summary>Where <paramref name="from"/> names a type of <paramref name="to"/>: "File.cs: TypeName".</summary>
    public IReadOnlyCollection<string> Evidence(string from, string to) =>
        _uses.TryGetValue(from, out var targets) && targets.TryGetValue(to, out var evidence) ? evidence : [];

    public IEnumerable<string> UsedBy(string room) => _uses.TryGetValue(room, out var targets) ? targets.Keys : [];

    /// <summary>
    /// Reads every .cs file under the given folders (relative to the repository root); <paramref name="roomOf"/> names
    /// the room of a file from its path relative to the root, or null to leave it out.
    /// </summary>
    public static SourceMap Read(string root, IEnumerable<string> folders, Func<string, string?> roomOf)
    {
        var files = folders
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/bin/") && !path.Contains("/obj/"))
            .Select(path => (Path: path, Room: roomOf(path)))
            .Where(file => file.Room is not null)
            .Select(file => (file.Path, Room: file.Room!, Code: WithoutCommentsAndStrings(File.ReadAllText(Path.Combine(root, file.Path)))))
            .ToList();

        // A type name declared in two rooms says nothing about which one a file means, so it is left out.
        var declaredIn = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (Match declaration in Declaration().Matches(file.Code))
            {
                var name = declaration.Groups["name"].Value;
                declaredIn[name] = declaredIn.TryGetValue(name, out var room) && room != file.Room ? null : file.Room;
            }
        }

        var map = new SourceMap();
        foreach (var file in files)
        {
            var uses = map.UsesOf(file.Room);
            foreach (Match name in TypeName().Matches(file.Code))
            {
                // A name followed by "(" is a method (called or declared) unless "new" comes before it.
                if (name.Groups["call"].Success && !name.Groups["new"].Success)
                {
                    continue;
                }
                if (declaredIn.TryGetValue(name.Groups["name"].Value, out var owner) && owner is not null && owner != file.Room)
                {
                    uses.TryAdd(owner, new SortedSet<string>(StringComparer.Ordinal));
                    uses[owner].Add($"{Path.GetFileName(file.Path)}: {name.Groups["name"].Value}");
                }
            }
        }
        return map;
    }

    /// <summary>The groups of rooms that depend on each other in a loop (strongly connected, more than one room).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string room)
        {
            index[room] = low[room] = index.Count;
            stack.Push(room);
            onStack.Add(room);
            foreach (var next in UsedBy(room))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[room] = Math.Min(low[room], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[room] = Math.Min(low[room], index[next]);
                }
            }
            if (low[room] == index[room])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != room);
                if (group.Count > 1)
                {
                    group.Sort(StringComparer.Ordinal);
                    cycles.Add(group);
                }
            }
        }

        foreach (var room in _uses.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(room))
            {
                Visit(room);
            }
        }
        return cycles;
    }

    private Dictionary<string, SortedSet<string>> UsesOf(string room)
    {
        if (!_uses.TryGetValue(room, out var uses))
        {
            uses = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            _uses[room] = uses;
        }
        return uses;
    }

    private static string WithoutCommentsAndStrings(string code) => Noise().Replace(code, " ");

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|""(?:\\.|[^""\\\n])*""", RegexOptions.Singleline)]
    private static partial Regex Noise();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex Declaration();

    // A capitalised name not reached through a dot: a type (or a namespace's first part), never a member access.
    [GeneratedRegex(@"(?<new>\bnew\s+)?(?<![\.\w])(?<name>[A-Z]\w*)\b(?<call>\s*\()?")]
    private static partial Regex TypeName();
}
