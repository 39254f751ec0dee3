using System.Text.Json;
using Seed.LoadTest;
using Seed.LoadTest.Reporting;
using Seed.LoadTest.Running;
using Seed.LoadTest.Targets;
using Seed.LoadTest.Workload;
using Spectre.Console;

// Logs and CI capture are not terminals; give the tables room instead of Spectre's 80-column default.
if (!AnsiConsole.Profile.Capabilities.Interactive)
{
    AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 140);
}

LoadTestOptions options;
try
{
    options = LoadTestOptions.Parse(args);
}
catch (ArgumentException ex)
{
    AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
    return 2;
}

var workload = new SyntheticWorkload(options.Users, options.Items, options.ZipfExponent, options.TextFraction, options.RandomSeed);
await using ILoadTarget target = options.HttpTarget is { } http
    ? new HttpLoadTarget(http, options.Concurrency)
    : await OrleansLoadTarget.ConnectAsync(options.OrleansGateway!, Environment.GetEnvironmentVariable("SEED_CLUSTER_ID") ?? "seed-dev", Environment.GetEnvironmentVariable("SEED_SERVICE_ID") ?? "seed");
if (options.SeedCatalog)
{
    await AnsiConsole.Status().StartAsync($"Upserting {workload.Items.Count} synthetic items into {target.Name}...", _ => target.SeedCatalogAsync(workload.Items, CancellationToken.None));
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var runner = new LoadRunner(options, target, workload);
await new LiveProgress(options).RunAsync(runner, cancel.Token);

var report = LoadReport.From(options, runner);
LiveProgress.PrintSummary(report);
if (options.JsonPath is { } jsonPath)
{
    await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
    AnsiConsole.MarkupLine($"JSON report: [blue]{Markup.Escape(jsonPath)}[/]");
}

if (options.HtmlPath is { } htmlPath)
{
    await File.WriteAllTextAsync(htmlPath, HtmlReportWriter.Render(report));
    AnsiConsole.MarkupLine($"HTML report: [blue]{Markup.Escape(htmlPath)}[/]");
}

return report.Errors == 0 ? 0 : 1;
