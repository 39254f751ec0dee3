using System.Diagnostics;
using System.Text.Json;
using Seed.Core;
using Seed.LoadTest.Monitoring;
using Seed.LoadTest.Reporting;
using Seed.LoadTest.Running;
using Seed.LoadTest.Targets;
using Seed.LoadTest.Workload;
using Seed.Tools;
using Spectre.Console;

namespace Seed.LoadTest;

/// <summary>One load test: build the workload, connect, preload the catalog, run, report.</summary>
internal static class LoadTestRun
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    /// <summary>Runs the test <paramref name="options"/> describe; 0 when no call failed, 1 otherwise.</summary>
    public static async Task<int> RunAsync(LoadTestOptions options)
    {
        IEventSource source;
        var reader = new DatasetLoaderReader();
        if (options.Mode == WorkloadMode.Replay)
        {
            var folder = RepositoryPaths.Resolve(options.DataPath);
            var dataset = AnsiConsole.Status().Start($"Reading {folder}...", _ => reader.Read(folder));
            var replay = new ReplayWorkload(dataset, options.BatchSize, options.Speedup, $"rp-{Guid.NewGuid().ToString("N")[..8]}-");
            AnsiConsole.MarkupLine($"Replay of [bold]{Markup.Escape(dataset.Name)}[/]: {replay.EventCount:N0} events ({replay.Skipped} skipped), {dataset.Items.Count:N0} items"
                + (replay.Length is { } length ? $", {length.TotalSeconds:0.#} s at x{options.Speedup}" : "")
                + (replay.ItemUpdates.Count > 0 ? $", {replay.ItemUpdates.Sum(update => update.Items.Count):N0} item text changes on {replay.ItemUpdates.Count:N0} review days" : ""));
            source = replay;
        }
        else if (options.CatalogItems is { } catalogItems)
        {
            // Real words for a large catalog: recombined titles, genres and tags of a MovieLens-style data set.
            var folder = RepositoryPaths.Resolve(options.DataPath);
            var words = new ReplayWorkload(reader.Read(folder), 1, null, "").Items;
            source = new SyntheticWorkload(options.Users, RealisticCatalog.Build(words, catalogItems, options.RandomSeed), options.ZipfExponent, options.TextFraction, options.BatchSize) { UserPrefix = options.UserPrefix, UniqueTexts = options.UniqueTexts };
        }
        else
        {
            source = new SyntheticWorkload(options.Users, options.Items, options.ZipfExponent, options.TextFraction, options.RandomSeed, options.BatchSize) { UserPrefix = options.UserPrefix, UniqueTexts = options.UniqueTexts };
        }

        if (options.DistinctUsers is { } distinctUsers)
        {
            source = new DistinctUsersWorkload((SyntheticWorkload)source, distinctUsers);
        }

        ILoadTarget connected = options.HttpTarget is { } http
            ? new HttpLoadTarget(http, options.Concurrency, options.ApiKey)
            : await OrleansLoadTarget.ConnectAsync(options.OrleansGateway!, options.ClusterId, options.ServiceId);
        var itemUpdates = source is ReplayWorkload { ItemUpdates.Count: > 0 } textReplay && !options.NoItemRefresh ? textReplay.ItemUpdates : null;
        await using ILoadTarget target = itemUpdates is null ? connected : new ItemTextRefreshingTarget(connected, itemUpdates);
        // Item texts that change during the replay must start from their base text, even where an earlier run left later texts.
        var preloadMode = source is ReplayWorkload { ItemUpdates.Count: > 0 } && options.PreloadItems == ItemPreload.Missing ? ItemPreload.All : options.PreloadItems;
        if (preloadMode != ItemPreload.None && source.Items.Count > 0)
        {
            var preload = Stopwatch.StartNew();
            var toUpsert = source.Items;
            if (preloadMode == ItemPreload.Missing)
            {
                var missing = (await AnsiConsole.Status().StartAsync($"Asking {target.Name} which of {source.Items.Count:N0} items it lacks...",
                    _ => target.FindMissingItemsAsync([.. source.Items.Select(item => item.Id)], CancellationToken.None))).ToHashSet(StringComparer.Ordinal);
                toUpsert = [.. source.Items.Where(item => missing.Contains(item.Id))];
            }

            if (toUpsert.Count > 0)
            {
                await AnsiConsole.Status().StartAsync($"Upserting {toUpsert.Count:N0} items into {target.Name}...", _ => target.UpsertItemsAsync(toUpsert, CancellationToken.None));
            }

            AnsiConsole.MarkupLine($"Catalog: {toUpsert.Count:N0} of {source.Items.Count:N0} items upserted ({ChoiceOption<ItemPreload>.NameOf(preloadMode)}) in {preload.Elapsed.TotalSeconds:0.0} s");
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var runner = new LoadRunner(options, target, source);
        var upsertDuring = options.UpsertDuring is { } upsertCount
            ? new UpsertDuringLoad(target, BulkUpsertItems(reader, options, upsertCount), runner)
            : null;
        var upserting = upsertDuring?.RunAsync(options.Warmup, cancel.Token) ?? Task.CompletedTask;
        var memory = options.SiloPid is { } siloPid ? new SiloMemorySampler(siloPid) : null;
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
        var sampling = memory?.RunAsync(stopSampling.Token) ?? Task.CompletedTask;
        await new LiveProgress(options).RunAsync(runner, cancel.Token);
        if (upsertDuring is { Finished: false, Failure: null })
        {
            // Its items/s needs its end; the phases are already closed, so nothing after the run is counted as load.
            await AnsiConsole.Status().StartAsync($"Run over; waiting for the upsert of {upsertDuring.ItemCount:N0} items...", _ => upserting);
        }

        await upserting;
        if (memory is not null)
        {
            memory.LoadEnded();
            await WatchIdleAsync(memory, options.Idle, cancel.Token);
            await stopSampling.CancelAsync();
            await sampling;
        }

        var report = LoadReport.From(options, runner, upsertDuring, memory?.Points);
        LiveProgress.PrintSummary(report);
        if (report.UpsertDuring is { } bulk)
        {
            PrintUpsertDuring(bulk);
        }
        if (target is ItemTextRefreshingTarget refreshing)
        {
            AnsiConsole.MarkupLine($"Item text refreshes: {refreshing.ItemsUpserted:N0} items in {refreshing.UpsertCalls:N0} upsert calls, {refreshing.Failures:N0} failed"
                + (refreshing.FirstFailure is { } failure ? $" (first: {Markup.Escape(failure)})" : ""));
        }

        if (options.JsonPath is { } jsonPath)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, IndentedJson));
            AnsiConsole.MarkupLine($"JSON report: [blue]{Markup.Escape(jsonPath)}[/]");
        }

        if (options.HtmlPath is { } htmlPath)
        {
            await File.WriteAllTextAsync(htmlPath, HtmlReportWriter.Render(report));
            AnsiConsole.MarkupLine($"HTML report: [blue]{Markup.Escape(htmlPath)}[/]");
        }

        return report.Errors == 0 && report.UpsertDuring?.Failure is null ? 0 : 1;
    }

    /// <summary>New items for <c>--upsert-during</c>: recombined titles with ids of this run's user prefix, so each run adds items.</summary>
    private static IReadOnlyList<LoadItem> BulkUpsertItems(DatasetLoaderReader reader, LoadTestOptions options, int count)
    {
        var words = new ReplayWorkload(reader.Read(RepositoryPaths.Resolve(options.DataPath)), 1, null, "").Items;
        return RealisticCatalog.Build(words, count, options.RandomSeed + 1, $"lt-up-{options.UserPrefix}");
    }

    private static void PrintUpsertDuring(UpsertDuringReport bulk)
    {
        string Line(string phase, IReadOnlyDictionary<string, OperationSummary> operations) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"  {phase}: events {operations["event"].ThroughputPerSec:0.#}/s p50 {operations["event"].P50Ms:0.###} ms p99 {operations["event"].P99Ms:0.###} ms; recommendations {operations["recommend"].ThroughputPerSec:0.#}/s p99 {operations["recommend"].P99Ms:0.###} ms");
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Bulk upsert during the load: {bulk.Items:N0} items in {bulk.Seconds:0.0} s ({bulk.ItemsPerSec:0.#} items/s)")
            + (bulk.Failure is { } failure ? $", failed: {failure}" : "")));
        AnsiConsole.MarkupLine(Markup.Escape(Line("during the upsert", bulk.During)));
        AnsiConsole.MarkupLine(Markup.Escape(Line("after it (steady)", bulk.After)));
        AnsiConsole.MarkupLine(Markup.Escape(bulk.EventP99Ratio is { } ratio
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  event p99 during / after: {ratio:0.##}x")
            : "  event p99 during / after: no events in one of the phases (a longer --duration leaves time after the upsert)"));
    }

    /// <summary>The idle phase: no load, the silo's RSS printed every ten seconds while the sampler records it.</summary>
    private static async Task WatchIdleAsync(SiloMemorySampler memory, TimeSpan idle, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < idle && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Min(TimeSpan.FromSeconds(10), idle - clock.Elapsed), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (memory.Latest is { } point)
            {
                AnsiConsole.MarkupLine($"Idle {clock.Elapsed.TotalSeconds:0} s: silo RSS {point.RssMegabytes:N0} MB");
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
