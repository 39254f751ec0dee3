using System.Globalization;
using Seed.LoadTest.Reporting;
using Seed.Tools;
using Spectre.Console;

namespace Seed.LoadTest.Running;

/// <summary>Shows the run as it happens: a live table on a terminal, one line a second otherwise (CI logs).</summary>
public sealed class LiveProgress(LoadTestOptions options)
{
    public async Task RunAsync(LoadRunner runner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var table = new Table().AddColumns("second", "phase", "events/s", "event p50 ms", "event p99 ms", "recs/s", "rec p99 ms", "errors");
        void OnSecond(LoadRunner r, TimelinePoint events, TimelinePoint recommendations)
        {
            var row = new[]
            {
                events.Second.ToString("0", CultureInfo.InvariantCulture),
                r.Elapsed <= options.Warmup ? "warm-up" : "measure",
                events.ThroughputPerSec.ToString("0", CultureInfo.InvariantCulture),
                events.P50Ms.ToString("0.00", CultureInfo.InvariantCulture),
                events.P99Ms.ToString("0.00", CultureInfo.InvariantCulture),
                recommendations.ThroughputPerSec.ToString("0", CultureInfo.InvariantCulture),
                recommendations.P99Ms.ToString("0.00", CultureInfo.InvariantCulture),
                (r.Events.Errors.Values.Sum() + r.Recommendations.Errors.Values.Sum() + r.Summaries.Errors.Values.Sum() + r.RoundTrips.Errors.Values.Sum()).ToString(CultureInfo.InvariantCulture),
            };
            if (AnsiConsole.Profile.Capabilities.Interactive)
            {
                if (table.Rows.Count >= 15)
                {
                    table.Rows.RemoveAt(0);
                }

                table.AddRow(row);
            }
            else
            {
                Console.WriteLine(string.Join("  ", row));
            }
        }

        AnsiConsole.MarkupLine($"Load: [bold]{Markup.Escape(options.Target)}[/], {ChoiceOption<WorkloadMode>.NameOf(options.Mode)}, {(options.MaxThroughput ? $"closed loop, {options.Concurrency} callers" : options.Speedup is { } speedup ? $"open loop at x{speedup} the data set's clock" : $"open loop at {options.Rate} events/s")}, warm-up {options.Warmup}, measure {options.Duration}");
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Live(table).StartAsync(async context =>
            {
                await runner.RunAsync((r, e, rec) => { OnSecond(r, e, rec); context.Refresh(); }, cancellationToken);
            });
        }
        else
        {
            Console.WriteLine(string.Join("  ", "second", "phase", "events/s", "event-p50-ms", "event-p99-ms", "recs/s", "rec-p99-ms", "errors"));
            await runner.RunAsync(OnSecond, cancellationToken);
        }
    }

    public static void PrintSummary(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table().Title("Result (measured interval)").AddColumns("operation", "count", "throughput/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors");
        foreach (var (name, op) in report.Operations)
        {
            table.AddRow(
                name,
                op.Count.ToString(CultureInfo.InvariantCulture),
                op.ThroughputPerSec.ToString("0.#", CultureInfo.InvariantCulture),
                op.P50Ms.ToString("0.###", CultureInfo.InvariantCulture),
                op.P90Ms.ToString("0.###", CultureInfo.InvariantCulture),
                op.P99Ms.ToString("0.###", CultureInfo.InvariantCulture),
                op.P999Ms.ToString("0.###", CultureInfo.InvariantCulture),
                op.MaxMs.ToString("0.###", CultureInfo.InvariantCulture),
                string.Join(", ", op.ErrorsByKind.Select(e => $"{e.Key}: {e.Value}").DefaultIfEmpty("0")));
        }

        AnsiConsole.Write(table);
        if (report.Visibility is { } visibility)
        {
            AnsiConsole.MarkupLine(Markup.Escape(visibility.Describe()));
        }

        if (report.SendLag is { Count: > 0 } lag)
        {
            // The harness's own lateness is inside every latency above; shown so it is not mistaken for the server's.
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Client send lag (open loop, part of the latencies above): p50 {lag.P50Ms:0.###} ms, p99 {lag.P99Ms:0.###} ms, max {lag.MaxMs:0.###} ms"));
        }
    }
}
