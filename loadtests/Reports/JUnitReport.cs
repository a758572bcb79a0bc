using System.Xml.Linq;
using FlashSale.LoadTests.Reports.Summary;

namespace FlashSale.LoadTests.Reports;

/// <summary>junit.xml for CI dashboards: one test suite per run, a test case per threshold and per invariant.</summary>
public static class JUnitReport
{
    public const string Name = "junit.xml";

    public static string Xml(RunSummary summary)
    {
        var cases = summary.Thresholds.Select(t => Case($"threshold {t.Rule}", "thresholds", t.Met, t.Detail))
            .Concat(summary.Invariants.Select(i => Case($"invariant {i.Name}", "invariants", i.Holds, i.Detail)))
            .ToList();
        var failures = summary.Thresholds.Count(t => !t.Met) + summary.Invariants.Count(i => !i.Holds);
        var suite = new XElement("testsuite",
            new XAttribute("name", $"loadtest {summary.Scenario.Name}"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("time", summary.ElapsedSeconds.ToString("0.###", CultureInfo.InvariantCulture)),
            new XAttribute("timestamp", summary.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties",
                new XElement("property", new XAttribute("name", "target"), new XAttribute("value", summary.Target)),
                new XElement("property", new XAttribute("name", "result"), new XAttribute("value", summary.Result.Line)),
                new XElement("property", new XAttribute("name", "stopped-early"), new XAttribute("value", summary.StoppedEarly ?? "no"))),
            cases,
            new XElement("system-out", summary.Result.Line));
        var root = new XElement("testsuites", new XAttribute("name", "flashsale-loadtests"), new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures), suite);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        return $"{document.Declaration}\n{document}\n";
    }

    private static XElement Case(string name, string group, bool passed, string detail)
    {
        var element = new XElement("testcase", new XAttribute("name", name), new XAttribute("classname", $"loadtest.{group}"));
        if (!passed)
        {
            element.Add(new XElement("failure", new XAttribute("message", detail), detail));
        }
        return element;
    }
}
