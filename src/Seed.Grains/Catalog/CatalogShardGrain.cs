using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Grains;
using Seed.Core.Telemetry;
using Seed.Grains.Models;
using Seed.Grains.Users;
using Seed.Storage;

namespace Seed.Grains.Catalog;

/// <summary>
/// One slice of the catalog: a <see cref="CatalogShardIndex"/> in memory over the shard's store (its grain state, or
/// the PostgreSQL item table). Upserts are written through before the index changes; live interaction and co-like
/// counts are flushed on a timer and on deactivation. Rows follow the silo's served model: the first call after a swap
/// projects them again (<see cref="CatalogShardIndex.UseTracker"/>) before it answers.
/// </summary>
public sealed class CatalogShardGrain : Grain, ICatalogShardGrain
{
    private readonly ICatalogShardStore _store;
    private readonly CatalogShardIndex _index;
    private readonly CatalogOptions _options;
    private readonly ILogger<CatalogShardGrain> _logger;
    private readonly InterestModelProvider _models;
    private readonly InterestModelSync _modelSync;
    private readonly LocalCatalogShards _localShards;
    private readonly InteractionCountFlusher _flusher;
    private LoadedInterestModel _model;

    /// <summary>The last unknown query version this shard synced for: silos configured apart ask the registry once, not per query.</summary>
    private string? _syncedForVersion;

    public CatalogShardGrain(
        IGrainContext context,
        ICatalogItemStore itemStore,
        InterestModelProvider models,
        InterestModelSync modelSync,
        LocalCatalogShards localShards,
        IOptions<CatalogOptions> options,
        ILogger<CatalogShardGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(itemStore);
        ArgumentNullException.ThrowIfNull(options);
        // Opened here, not on activation: a store backed by grain state must join the activation's lifecycle before it starts.
        _store = itemStore.Open(context);
        _options = options.Value;
        _models = models;
        _modelSync = modelSync;
        _localShards = localShards;
        _model = models.Current;
        _index = new CatalogShardIndex(_model.Tracker, _options);
        _flusher = new InteractionCountFlusher(_index, _store);
        _logger = logger;
    }

    private long Shard => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _index.Load(await _store.LoadAsync(cancellationToken));
        _index.LoadCoLikes(await _store.LoadCoLikesAsync(cancellationToken));
        // Interleaving: the flush yields between batches (InteractionCountFlusher), so lists and reports are answered
        // while a large backlog is written; it takes each batch before writing it, so no call sees a half-taken one.
        this.RegisterGrainTimer(FlushInteractionsAsync, new GrainTimerCreationOptions
        {
            DueTime = _options.InteractionFlushInterval,
            Period = _options.InteractionFlushInterval,
            Interleave = true,
        });
        if (_index.Count > 0)
        {
            _logger.LogInformation("Catalog shard {Shard} activated with {Count} items", Shard, _index.Count);
        }

        // Loaded: user grains on this silo may read item embeddings straight from the index from now on.
        _localShards.Register(Shard, _index);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // First: once this activation is going, lookups go through messages to whichever activation comes next.
        _localShards.Unregister(Shard, _index);
        return FlushInteractionsAsync(cancellationToken);
    }

    public async Task<int> UpsertAsync(IReadOnlyList<EmbeddedItem> items)
    {
        FollowServedModel();
        var upsert = _index.PlanUpsert(items);
        await _store.UpsertAsync(upsert);
        _index.Apply(upsert);
        var shard = new KeyValuePair<string, object?>("shard", Shard);
        SeedMetrics.CatalogItems.Record(_index.Count, shard);
        SeedMetrics.CatalogBytes.Record(_index.Footprint().TotalBytes, shard);
        return items.Count;
    }

    public Task<IReadOnlyList<ItemLookup>> LookupAsync(IReadOnlyList<string> itemIds) => Task.FromResult(_index.Lookup(itemIds));

    public Task<IReadOnlyList<string>> FindMissingAsync(IReadOnlyList<string> itemIds) => Task.FromResult(_index.FindMissing(itemIds));

    public async Task<IReadOnlyList<ScoredItem>> TopKAsync(CatalogQuery query, bool includeVectors)
    {
        await FollowModelOfAsync(query);
        return _index.TopK(query, includeVectors);
    }

    public async Task<ItemRank> ScoreItemAsync(CatalogQuery query, string itemId)
    {
        await FollowModelOfAsync(query);
        return _index.ScoreItem(query, itemId);
    }

    public async Task<ShardRankCount> CountRankedAheadAsync(CatalogQuery query, float score, string itemId)
    {
        await FollowModelOfAsync(query);
        return _index.CountRankedAhead(query, score, itemId);
    }

    public Task<IReadOnlyList<LabelVectorSum>> GetLabelSumsAsync()
    {
        FollowServedModel();
        return Task.FromResult(_index.LabelSums());
    }

    public Task<int> CountAsync() => Task.FromResult(_index.Count);

    public Task<CatalogFootprint> GetFootprintAsync() => Task.FromResult(_index.Footprint());

    public Task ReportInteractionsAsync(InteractionReport report)
    {
        _index.Report(report);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<double>> GetLikeCountsAsync(IReadOnlyList<string> itemIds) => Task.FromResult(_index.LikeCounts(itemIds));

    /// <summary>
    /// A query made with a model version this silo has not loaded yet (the user's silo synced first) makes this silo
    /// sync with the registry now instead of at its next poll, so the query is scored against rows of its own model.
    /// A query from a version this silo already replaced is answered with the current rows: its silo catches up at
    /// its next poll.
    /// </summary>
    private async Task FollowModelOfAsync(CatalogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.ModelVersion.Length > 0 && query.ModelVersion != _models.Current.Version
            && query.ModelVersion != _syncedForVersion && !_models.IsRetired(query.ModelVersion))
        {
            _syncedForVersion = query.ModelVersion;
            await _modelSync.SyncNowAsync(CancellationToken.None);
        }

        FollowServedModel();
    }

    /// <summary>Re-projects the rows when the silo serves another model than the one they were built with.</summary>
    private void FollowServedModel()
    {
        var served = _models.Current;
        if (!ReferenceEquals(served, _model))
        {
            _index.UseTracker(served.Tracker);
            _model = served;
            _logger.LogInformation("Catalog shard {Shard}: {Count} rows projected with interest model {Version}", Shard, _index.Count, served.Version);
        }
    }

    private async Task FlushInteractionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _flusher.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Popularity and co-like counts are advisory; what failed stays listed in memory for the next tick.
            _logger.LogWarning(ex, "Catalog shard {Shard} could not persist interaction counts", Shard);
        }
    }
}
