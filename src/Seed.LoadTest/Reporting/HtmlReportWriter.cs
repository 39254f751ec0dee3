using System.Globalization;
using System.Net;
using System.Text;
using Seed.LoadTest.Running;

namespace Seed.LoadTest.Reporting;

/// <summary>
/// A self-contained HTML report: tables plus inline SVG charts of throughput and latency over time. No scripts or
/// external assets, so it opens anywhere, including from a CI artefact.
/// </summary>
public static class HtmlReportWriter
{
    public static string Render(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Seed load test</title>
            <style>body{"{"}font-family:system-ui,sans-serif;margin:24px;color:#1d2330{"}"}table{"{"}border-collapse:collapse;margin:12px 0{"}"}
            td,th{"{"}border:1px solid #ccd;padding:4px 10px;text-align:right{"}"}th{"{"}background:#eef{"}"}td:first-child,th:first-child{"{"}text-align:left{"}"}
            .chart{"{"}margin:8px 0 24px{"}"}</style></head><body>
            <h1>Seed load test</h1>
            <p>Target <b>{Encode(report.Target)}</b>, {Encode(report.Mode)} workload, {Encode(report.Loop)} loop,
            {(report.OfferedEventsPerSec is { } rate ? $"offered {rate:0.#} events/s, " : "")}measured over {report.MeasuredSeconds:0.#} s, {report.Errors} errors.</p>
            <table><tr><th>operation</th><th>count</th><th>requests</th><th>throughput/s</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th><th>errors</th></tr>
            """);
        foreach (var (name, op) in report.Operations)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(name)}</td><td>{op.Count}</td><td>{op.Requests}</td><td>{op.ThroughputPerSec:0.#}</td><td>{op.P50Ms:0.###}</td><td>{op.P90Ms:0.###}</td><td>{op.P99Ms:0.###}</td><td>{op.P999Ms:0.###}</td><td>{op.MaxMs:0.###}</td><td>{op.Errors} {Encode(string.Join(", ", op.ErrorsByKind.Select(e => $"{e.Key}: {e.Value}")))}</td></tr>");
        }

        html.Append("</table>");
        if (report.Visibility is { } visibility)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(visibility.Describe())}</p>");
        }

        if (report.SendLag is { Count: > 0 } lag)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Harness send lag (how late requests left against their due time; part of every latency above): p50 {lag.P50Ms:0.###} ms, p99 {lag.P99Ms:0.###} ms, max {lag.MaxMs:0.###} ms.</p>");
        }

        html.Append("<table><tr><th>setting</th><th>value</th></tr>");
        foreach (var (key, value) in report.Settings)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(key)}</td><td>{Encode(value)}</td></tr>");
        }

        html.Append("</table>");
        foreach (var (name, points) in report.Timeline)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(name)}</h2>");
            html.Append(Chart($"{name}: throughput per second", points, Timeline, [("throughput/s", "#2b6cb0", p => p.ThroughputPerSec)]));
            html.Append(Chart($"{name}: latency per second (ms)", points, Timeline, [("p50", "#2f855a", p => p.P50Ms), ("p99", "#c53030", p => p.P99Ms)]));
        }

        if (report.SiloMemory is { Count: > 0 } memory)
        {
            // Shaded here: the idle time after the load, where collected activations should give memory back.
            html.Append("<h2>silo memory</h2>");
            html.Append(Chart("silo RSS (MB), shaded: idle after the load", memory, (p => p.Second, p => !p.Idle), [("RSS MB", "#6b46c1", p => p.RssMegabytes)]));
            html.Append(CultureInfo.InvariantCulture, $"<p>Silo RSS: peak {memory.Max(p => p.RssMegabytes):N0} MB, at the end {memory[^1].RssMegabytes:N0} MB.</p>");
        }

        html.Append("<p>Shaded: warm-up and, after the run's end, the drain of operations still in flight (not counted). The vertical scale fits the measured seconds; a shaded value above it is drawn at the top edge. Latency is measured from each operation's intended send time.</p></body></html>");
        return html.ToString();
    }

    /// <summary>Where a timeline point sits and whether it was measured (warm-up and drain are shaded).</summary>
    private static readonly (Func<TimelinePoint, double> Second, Func<TimelinePoint, bool> Measured) Timeline = (p => p.Second, p => p.Measured);

    /// <summary>A line chart of <paramref name="series"/> over seconds; points <paramref name="axis"/> calls unmeasured are shaded.</summary>
    private static string Chart<TPoint>(
        string title,
        IReadOnlyList<TPoint> points,
        (Func<TPoint, double> Second, Func<TPoint, bool> Measured) axis,
        (string Label, string Colour, Func<TPoint, double> Value)[] series)
    {
        const int width = 760, height = 220, left = 60, bottom = 30, top = 24, right = 110;
        if (points.Count == 0)
        {
            return $"<p>{Encode(title)}: no data.</p>";
        }

        var maxX = Math.Max(1, axis.Second(points[^1]));
        // The scale fits the measured seconds: a cold start's warm-up spike would otherwise flatten them to the axis.
        var scaled = points.Any(axis.Measured) ? points.Where(axis.Measured).ToList() : points;
        var yTicks = AxisTicks(series.Max(s => scaled.Max(s.Value)));
        var maxY = yTicks[^1];
        double X(double second) => left + (second / maxX * (width - left - right));
        double Y(double value) => top + ((1 - (Math.Min(value, maxY) / maxY)) * (height - top - bottom));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Encode(title)}\">");
        // Points sit at the end of their one-second interval: the warm-up ends where the first measured one starts.
        var firstMeasured = points.ToList().FindIndex(p => axis.Measured(p));
        double? warmupEnd = firstMeasured switch { < 0 => null, 0 => 0, _ => axis.Second(points[firstMeasured - 1]) };
        if (warmupEnd is { } end)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{top}\" width=\"{X(end) - left:0.#}\" height=\"{height - top - bottom}\" fill=\"#eee\"/>");
        }

        // After the run's end, operations still in flight drain (a replay that fell behind); not counted either.
        var lastMeasured = points.ToList().FindLastIndex(p => axis.Measured(p));
        if (lastMeasured >= 0 && lastMeasured < points.Count - 1)
        {
            var start = X(axis.Second(points[lastMeasured]));
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{start:0.#}\" y=\"{top}\" width=\"{X(maxX) - start:0.#}\" height=\"{height - top - bottom}\" fill=\"#eee\"/>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"16\" font-size=\"13\" font-weight=\"600\">{Encode(title)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - right}\" y2=\"{height - bottom}\" stroke=\"#888\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{height - bottom}\" stroke=\"#888\"/>");
        foreach (var value in yTicks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{Y(value):0.#}\" x2=\"{width - right}\" y2=\"{Y(value):0.#}\" stroke=\"#e4e4e4\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{Y(value) + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{value:#,0.###}</text>");
        }

        foreach (var second in AxisTicks(maxX).Where(second => second <= maxX))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(second):0.#}\" y=\"{height - bottom + 14}\" font-size=\"11\" text-anchor=\"middle\">{second:0.###} s</text>");
        }

        for (var s = 0; s < series.Length; s++)
        {
            var path = string.Join(" ", points.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{X(axis.Second(p)):0.#},{Y(series[s].Value(p)):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{series[s].Colour}\" stroke-width=\"2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - right + 8}\" y=\"{top + 14 + (s * 16)}\" font-size=\"12\" fill=\"{series[s].Colour}\">{Encode(series[s].Label)}</text>");
        }

        svg.Append("</svg></div>");
        return svg.ToString();
    }

    /// <summary>
    /// Axis ticks from 0 in steps of 1, 2 or 5 × 10^k, about four of them, the last at or above
    /// <paramref name="max"/>: labels a reader can add up (1,000 / 2,000 / 3,000, not 827.35 / 1,654.7).
    /// </summary>
    internal static IReadOnlyList<double> AxisTicks(double max)
    {
        if (!(max > 0) || !double.IsFinite(max))
        {
            return [0, 1];
        }

        var rough = max / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = (rough / magnitude) switch
        {
            <= 1 => 1,
            <= 2 => 2,
            <= 5 => 5,
            _ => 10,
        } * magnitude;
        var count = (int)Math.Ceiling((max / step) - 1e-9);
        return Enumerable.Range(0, count + 1).Select(i => Math.Round(i * step, 12)).ToArray();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
