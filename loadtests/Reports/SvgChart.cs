using System.Net;
using System.Text;

namespace FlashSale.LoadTests.Reports;

/// <summary>Inline SVG charts (lines and horizontal bars) for the HTML report: no script, no CDN, readable offline.</summary>
public static class SvgChart
{
    private const int Width = 760;
    private const int Height = 260;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 28;
    private const int Bottom = 40;

    /// <param name="xTicks">Where to label the x axis, with the label; null: five evenly spaced numbers.</param>
    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<Series> series, IReadOnlyList<(double X, string Label)>? xTicks = null)
    {
        var points = series.SelectMany(s => s.Points).ToList();
        var svg = Begin(title);
        if (points.Count == 0)
        {
            return svg.Append(Text(Width / 2, Height / 2, "no data", "middle")).Append("</svg>").ToString();
        }
        double minX = points.Min(p => p.X), maxX = Math.Max(points.Max(p => p.X), minX + 1e-9);
        var maxY = Nice(points.Max(p => p.Y));
        double X(double x) => Left + (x - minX) / (maxX - minX) * (Width - Left - Right);
        double Y(double y) => Height - Bottom - y / maxY * (Height - Top - Bottom);
        for (var i = 0; i <= 4; i++)
        {
            var value = maxY * i / 4;
            svg.Append($"<line x1='{Left}' x2='{Width - Right}' y1='{F(Y(value))}' y2='{F(Y(value))}' stroke='#e3e3e3'/>");
            svg.Append(Text(Left - 6, Y(value) + 4, Short(value), "end"));
        }
        foreach (var (x, label) in xTicks ?? Enumerable.Range(0, 5).Select(i => (minX + (maxX - minX) * i / 4, Short(minX + (maxX - minX) * i / 4))).ToList())
        {
            svg.Append(Text(X(x), Height - Bottom + 16, label, "middle"));
        }
        svg.Append(Text((Left + Width - Right) / 2.0, Height - 6, xLabel, "middle"));
        svg.Append($"<text x='14' y='{Height / 2}' font-size='11' fill='#555' transform='rotate(-90 14 {Height / 2})' text-anchor='middle'>{E(yLabel)}</text>");
        var legendX = Left + 8.0;
        foreach (var s in series)
        {
            // A gap of more than two seconds between points (another phase ran) breaks the line.
            var path = new StringBuilder();
            (double X, double Y)? last = null;
            foreach (var p in s.Points)
            {
                path.Append(last is { } l && p.X - l.X <= 2.5 * Math.Max(1, (maxX - minX) / 400) ? " L" : " M").Append(F(X(p.X))).Append(',').Append(F(Y(p.Y)));
                last = p;
            }
            svg.Append($"<path d='{path}' fill='none' stroke='{s.Color}' stroke-width='1.8'{(s.Dashed ? " stroke-dasharray='5 4'" : "")}/>");
            svg.Append($"<rect x='{F(legendX)}' y='{Top - 16}' width='12' height='3' fill='{s.Color}'/>");
            svg.Append(Text(legendX + 16, Top - 12, s.Name, "start"));
            legendX += 24 + s.Name.Length * 6.5;
        }
        return svg.Append("</svg>").ToString();
    }

    public static string Bars(string title, IReadOnlyList<(string Label, double Value, string Color)> bars)
    {
        var height = Math.Max(80, Top + 10 + bars.Count * 24);
        var svg = Begin(title, height);
        if (bars.Count == 0)
        {
            return svg.Append(Text(Width / 2, height / 2, "none", "middle")).Append("</svg>").ToString();
        }
        var max = Math.Max(1, bars.Max(b => b.Value));
        var y = Top + 6.0;
        foreach (var (label, value, color) in bars)
        {
            var w = value / max * (Width - 320);
            svg.Append(Text(230, y + 13, label, "end"));
            svg.Append($"<rect x='240' y='{F(y)}' width='{F(Math.Max(1, w))}' height='16' fill='{color}'/>");
            svg.Append(Text(246 + w, y + 13, value.ToString("N0", CultureInfo.InvariantCulture), "start"));
            y += 24;
        }
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Begin(string title, int height = Height) =>
        new StringBuilder($"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {Width} {height}' width='100%' role='img' aria-label='{E(title)}' font-family='system-ui,sans-serif'>")
            .Append($"<title>{E(title)}</title>");

    private static string Text(double x, double y, string text, string anchor) =>
        $"<text x='{F(x)}' y='{F(y)}' font-size='11' fill='#333' text-anchor='{anchor}'>{E(text)}</text>";

    private static double Nice(double max)
    {
        if (max <= 0)
        {
            return 1;
        }
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(v => v >= max);
    }

    private static string Short(double value) => value switch
    {
        >= 1_000_000 => $"{value / 1_000_000:0.#}M",
        >= 10_000 => $"{value / 1_000:0.#}k",
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
