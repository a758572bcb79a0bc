using System.Text;
using FlashSale.LoadTests.Engine;

namespace FlashSale.LoadTests.Reports;

/// <summary>timeline.csv: every step's numbers for every second of the run; the charts of report.html are drawn from it.</summary>
public static class Timeline
{
    public const string Name = "timeline.csv";
    private const string Header = "phase,step,second,length_s,ok,refused,failed,answers_per_s,p50_ms,p99_ms,max_ms,target_level";

    public static void Write(IEnumerable<SecondSample> samples, string path)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var s in samples.OrderBy(s => s.Second))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{s.Phase},{s.Step},{s.Second:0.###},{s.Length:0.###},{s.Ok},{s.Refused},{s.Failed},{s.Rate:0.##},{s.P50Ms:0.###},{s.P99Ms:0.###},{s.MaxMs:0.###},{s.TargetLevel:0.##}\n");
        }
        File.WriteAllText(path, csv.ToString());
    }

    public static IReadOnlyList<SecondSample> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new UsageException($"{path} is not a timeline.csv of this tool (its first line should be '{Header}').");
        }
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split(',');
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
            return new SecondSample(f[0], f[1], D(2), D(3), L(4), L(5), L(6), D(8), D(9), D(10), D(11));
        })];
    }
}
