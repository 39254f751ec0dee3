using System.Diagnostics;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Grains;
using Seed.Api.Hosting;
using Seed.Core;

namespace Seed.Silo.DemoCatalog;

/// <summary>
/// Fills an empty catalog with the MovieLens movies once the silo is up, so a fresh `dotnet run` has something
/// to recommend. It never overwrites a catalog that already holds items. The host is not ready
/// (<see cref="StartupReadiness"/>) until the load has finished.
/// </summary>
public sealed class DemoCatalogLoader : BackgroundService
{
    private const string Work = "demo catalog";

    private readonly IOptions<DemoCatalogOptions> _options;
    private readonly IGrainFactory _grains;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly StartupReadiness _readiness;
    private readonly ILogger<DemoCatalogLoader> _logger;

    public DemoCatalogLoader(
        IOptions<DemoCatalogOptions> options,
        IGrainFactory grains,
        IHostApplicationLifetime lifetime,
        StartupReadiness readiness,
        ILogger<DemoCatalogLoader> logger)
    {
        _options = options;
        _grains = grains;
        _lifetime = lifetime;
        _readiness = readiness;
        _logger = logger;
        // Hosted services are built before the server listens, so no request sees the host ready before this.
        if (options.Value.Enabled)
        {
            readiness.Expect(Work);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = _options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        // Grain calls need a running silo; ApplicationStarted fires after every hosted service, Orleans included, started.
        var started = new TaskCompletionSource();
        await using (_lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        try
        {
            var catalog = _grains.GetGrain<ICatalogGrain>(0);
            if ((await catalog.GetStatisticsAsync()).ItemCount > 0)
            {
                _logger.LogInformation("Catalog already holds items; demo catalog not loaded");
                _readiness.Complete(Work);
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

            _logger.LogInformation("Demo catalog: {Count} MovieLens items from {Folder} loaded in {Elapsed} ms", items.Count, folder, stopwatch.ElapsedMilliseconds);
            _readiness.Complete(Work);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Demo catalog could not be loaded; the cluster runs with whatever catalog it has, and this host stays unready");
            _readiness.Fail(Work, ex.Message);
        }
    }
}
