using System.Diagnostics;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Grains;
using Seed.Core;

namespace Seed.Silo.DemoCatalog;

/// <summary>
/// Fills an empty catalog with the MovieLens movies once the silo is up, so a fresh `dotnet run` has something
/// to recommend. It never overwrites a catalog that already holds items.
/// </summary>
public sealed class DemoCatalogLoader(
    IOptions<DemoCatalogOptions> options,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    ILogger<DemoCatalogLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        // Grain calls need a running silo; ApplicationStarted fires after every hosted service, Orleans included, started.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        try
        {
            var catalog = grains.GetGrain<ICatalogGrain>(0);
            if ((await catalog.GetStatisticsAsync()).ItemCount > 0)
            {
                logger.LogInformation("Catalog already holds items; demo catalog not loaded");
                return;
            }

            var folder = RepositoryPaths.Resolve(settings.DataPath);
            var stopwatch = Stopwatch.StartNew();
            var items = DemoCatalog.MovieLensCatalogReader.Read(folder, settings.TagsPerItem);
            foreach (var batch in items.Chunk(settings.BatchSize))
            {
                stoppingToken.ThrowIfCancellationRequested();
                await catalog.UpsertItemsAsync(batch);
            }

            logger.LogInformation("Demo catalog: {Count} MovieLens items from {Folder} loaded in {Elapsed} ms", items.Count, folder, stopwatch.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Demo catalog could not be loaded; the cluster runs with whatever catalog it has");
        }
    }
}
