using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Grains;
using Seed.Core.Interest;
using Seed.Core.Ranking;
using Seed.Grains.Durability;

namespace Seed.Grains.Catalog;

/// <summary>
/// Holds one slice of the catalog: items, a contiguous matrix of unit ranking vectors (so scoring is one SIMD
/// sweep over memory) and per-category row sets for filtering without touching item records.
/// </summary>
public sealed class CatalogShardGrain(
    [PersistentState("catalog", "catalog")] IPersistentState<CatalogShardState> state,
    [PersistentState("interactions", "catalog")] IPersistentState<CatalogInteractionState> interactions,
    InterestTracker tracker,
    ICatalogItemStore itemStore,
    IOptions<CatalogOptions> options,
    ILogger<CatalogShardGrain> logger) : Grain, ICatalogShardGrain
{
    /// <summary>
    /// Popularity order for the cold-start heap: less popular first, then the higher item id first (IdRank is the
    /// id's position in ordinal order, so comparing ranks is comparing ids).
    /// </summary>
    private static readonly Comparer<(double Popularity, int IdRank)> WeakerFirst = Comparer<(double Popularity, int IdRank)>.Create(
        (left, right) => left.Popularity != right.Popularity
            ? left.Popularity.CompareTo(right.Popularity)
            : right.IdRank.CompareTo(left.IdRank));

    private readonly Dictionary<string, int> _rowById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RowBitSet> _rowsByCategory = new(StringComparer.OrdinalIgnoreCase);
    private EmbeddingMatrix _vectors = null!;

    /// <summary>The compact (4-bit or int8) copy of <see cref="_vectors"/>, kept once the shard holds CompactScanMinRows items.</summary>
    private CompactRowMatrix? _compactVectors;

    /// <summary>
    /// Bit sets reused by every query's exclusions: one bit per row (3.5 KB for 28,000 rows) allocated per request
    /// was a quarter of the bytes the recommendation path allocated, and so of its GC pauses (docs/PERFORMANCE.md).
    /// The shard is not reentrant and a query uses them within one synchronous turn.
    /// </summary>
    private RowBitSet? _excludedRows;

    private RowBitSet? _allowedRows;
    private IReadOnlyList<LabelVectorSum>? _labelSums;

    /// <summary>
    /// Each row's popularity count (and the learned prior's bias from it) in one array, for the cold-start list and
    /// the personalised scan alike. Built lazily, kept current by every recorded interaction, rebuilt after upserts.
    /// </summary>
    private PopularityPrior? _popularityPrior;

    /// <summary>Each row's id position in ordinal order (ties in the cold-start list); rebuilt lazily after rows are added.</summary>
    private int[]? _idRanks;
    private readonly HashSet<int> _dirtyRows = [];
    private bool _interactionsDirty;

    private List<StoredItem> Items => state.State.Items;

    private int Shard => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (itemStore.IsEnabled)
        {
            // The item table is the catalog of record; the grain state is not used for items then.
            state.State.Items = [.. await itemStore.LoadShardAsync(Shard, cancellationToken)];
        }

        var dimension = tracker.ItemTower.OutputDim;
        _vectors = new EmbeddingMatrix(dimension, Math.Max(1024, Items.Count));
        var vector = new float[dimension];
        for (var row = 0; row < Items.Count; row++)
        {
            tracker.ItemTower.Project(Items[row].Embedding, vector);
            _vectors.Add(vector);
            Index(row, Items[row].Item);
        }

        if (!itemStore.IsEnabled)
        {
            RestoreInteractionCounts();
        }

        KeepCompactVectorsIfLarge();
        this.RegisterGrainTimer(FlushInteractionsAsync, new GrainTimerCreationOptions
        {
            DueTime = options.Value.InteractionFlushInterval,
            Period = options.Value.InteractionFlushInterval,
            Interleave = false,
        });
        if (Items.Count > 0)
        {
            logger.LogInformation("Catalog shard {Shard} activated with {Count} items", this.GetPrimaryKeyLong(), Items.Count);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushInteractionsAsync(cancellationToken);
    }

    public async Task<int> UpsertAsync(IReadOnlyList<EmbeddedItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        CatalogItemRules.RequireValid(items.Select(embedded => embedded?.Item), nameof(items));
        foreach (var embedded in items)
        {
            if (embedded.Embedding.Length != tracker.ItemTower.InputDim)
            {
                throw new ArgumentException(
                    $"Item '{embedded.Item.Id}' has a {embedded.Embedding.Length}-d embedding; the catalog expects {tracker.ItemTower.InputDim}.",
                    nameof(items));
            }
        }

        if (itemStore.IsEnabled)
        {
            // Write-through: memory changes only once the table holds the items, so a failed upsert changes nothing.
            await itemStore.UpsertAsync(Shard, items.Select(embedded => new StoredItem
            {
                Item = embedded.Item,
                Embedding = embedded.Embedding,
                Interactions = _rowById.TryGetValue(embedded.Item.Id, out var existing) ? Items[existing].Interactions : 0,
            }).ToList());
        }

        var vector = new float[_vectors.Dimension];
        foreach (var embedded in items)
        {
            tracker.ItemTower.Project(embedded.Embedding, vector);
            if (_rowById.TryGetValue(embedded.Item.Id, out var row))
            {
                // Category sets only ever gain rows, so a re-categorised item must be rebuilt out of the old sets.
                var previous = Items[row];
                Items[row] = new StoredItem { Item = embedded.Item, Embedding = embedded.Embedding, Interactions = previous.Interactions };
                _vectors.Set(row, vector);
                _compactVectors?.Set(row, vector);
                if (!previous.Item.Categories.SequenceEqual(embedded.Item.Categories, StringComparer.OrdinalIgnoreCase))
                {
                    RebuildCategoryIndex();
                }
            }
            else
            {
                row = Items.Count;
                Items.Add(new StoredItem { Item = embedded.Item, Embedding = embedded.Embedding });
                _idRanks = null;
                _vectors.Add(vector);
                _compactVectors?.Add(vector);
                Index(row, embedded.Item);
            }
        }

        KeepCompactVectorsIfLarge();

        _labelSums = null;
        _popularityPrior = null;
        if (!itemStore.IsEnabled)
        {
            await state.WriteStateAsync();
        }

        return items.Count;
    }

    public Task<IReadOnlyList<ItemLookup>> LookupAsync(IReadOnlyList<string> itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var result = new ItemLookup[itemIds.Count];
        for (var i = 0; i < itemIds.Count; i++)
        {
            result[i] = _rowById.TryGetValue(itemIds[i], out var row)
                ? new ItemLookup { ItemId = itemIds[i], Found = true, Embedding = Items[row].Embedding, Categories = Items[row].Item.Categories }
                : new ItemLookup { ItemId = itemIds[i], Found = false };
        }

        return Task.FromResult<IReadOnlyList<ItemLookup>>(result);
    }

    public Task<IReadOnlyList<string>> FindMissingAsync(IReadOnlyList<string> itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        return Task.FromResult<IReadOnlyList<string>>(itemIds.Where(id => !_rowById.ContainsKey(id)).ToList());
    }

    public Task<IReadOnlyList<ScoredItem>> TopKAsync(CatalogQuery query, bool includeVectors)
    {
        ArgumentNullException.ThrowIfNull(query);
        var excluded = BuildExclusions(query);
        var winners = query.Vector.Length == 0
            ? SelectByPopularity(query.K, excluded)
            : _compactVectors is not null
                ? CompactTopKSelector.Select(_vectors.Rows, _compactVectors, query.Vector, query.K, excluded, PopularityBias(), options.Value.CompactScanCandidateFactor)
                : TopKSelector.Select(_vectors.Rows, _vectors.Dimension, query.Vector, query.K, excluded, PopularityBias());
        var result = new ScoredItem[winners.Length];
        for (var i = 0; i < winners.Length; i++)
        {
            var stored = Items[winners[i].Index];
            result[i] = new ScoredItem
            {
                ItemId = stored.Item.Id,
                Title = stored.Item.Title,
                Score = winners[i].Score,
                Categories = stored.Item.Categories,
                Vector = includeVectors ? _vectors.Row(winners[i].Index).ToArray() : null,
            };
        }

        return Task.FromResult<IReadOnlyList<ScoredItem>>(result);
    }

    public Task<ItemRank> ScoreItemAsync(CatalogQuery query, string itemId)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(itemId);
        if (!_rowById.TryGetValue(itemId, out var row))
        {
            return Task.FromResult(new ItemRank { ItemId = itemId, Found = false });
        }

        var excluded = BuildExclusions(query);
        return Task.FromResult(new ItemRank
        {
            ItemId = itemId,
            Found = true,
            Eligible = excluded is null || !excluded.Contains(row),
            Score = ScoreOf(query, row),
        });
    }

    public Task<ShardRankCount> CountRankedAheadAsync(CatalogQuery query, float score, string itemId)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(itemId);
        var excluded = BuildExclusions(query);
        var targetRow = _rowById.GetValueOrDefault(itemId, -1);
        // The merged lists order equal scores by item id; counting the same way keeps rank and list consistent.
        bool WinsTie(int row) => string.CompareOrdinal(Items[row].Item.Id, itemId) < 0;
        int ahead;
        if (query.Vector.Length == 0)
        {
            ahead = 0;
            for (var row = 0; row < Items.Count; row++)
            {
                if (row != targetRow && (excluded is null || !excluded.Contains(row)))
                {
                    var other = ScoreOf(query, row);
                    ahead += other > score || (other == score && WinsTie(row)) ? 1 : 0;
                }
            }
        }
        else
        {
            ahead = TopKSelector.CountRankedAhead(_vectors.Rows, _vectors.Dimension, query.Vector, excluded, PopularityBias(), score, targetRow, WinsTie);
        }

        var eligible = Items.Count - (excluded?.Count ?? 0);
        return Task.FromResult(new ShardRankCount { Ahead = ahead, Eligible = eligible });
    }

    public Task<IReadOnlyList<LabelVectorSum>> GetLabelSumsAsync()
    {
        _labelSums ??= ComputeLabelSums();
        return Task.FromResult(_labelSums);
    }

    public Task<int> CountAsync() => Task.FromResult(Items.Count);

    public Task RecordInteractionsAsync(IReadOnlyList<string> itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        foreach (var id in itemIds)
        {
            if (_rowById.TryGetValue(id, out var row))
            {
                Items[row].Interactions += 1;
                _popularityPrior?.Set(row, PopularityCount(row));
                _interactionsDirty = true;
                _dirtyRows.Add(row);
            }
        }

        return Task.CompletedTask;
    }

    private async Task FlushInteractionsAsync(CancellationToken cancellationToken)
    {
        if (!_interactionsDirty)
        {
            return;
        }

        _interactionsDirty = false;
        var rows = _dirtyRows.ToList();
        _dirtyRows.Clear();
        try
        {
            if (itemStore.IsEnabled)
            {
                await itemStore.SaveInteractionsAsync(rows.Select(row => Items[row]).ToList(), cancellationToken);
            }
            else
            {
                foreach (var row in rows)
                {
                    interactions.State.Counts[Items[row].Item.Id] = Items[row].Interactions;
                }

                await interactions.WriteStateAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Popularity counts are advisory; keep them in memory and try again on the next tick.
            _interactionsDirty = true;
            _dirtyRows.UnionWith(rows);
            logger.LogWarning(ex, "Catalog shard {Shard} could not persist interaction counts", this.GetPrimaryKeyLong());
        }
    }

    /// <summary>
    /// Counts only grow, so of the flushed count and the one the item state was last written with (by an upsert),
    /// the larger is the newer. Items without a flushed count keep theirs, which is also how state written before
    /// the counts had their own state is read.
    /// </summary>
    private void RestoreInteractionCounts()
    {
        foreach (var (itemId, count) in interactions.State.Counts)
        {
            if (_rowById.TryGetValue(itemId, out var row))
            {
                Items[row].Interactions = Math.Max(Items[row].Interactions, count);
            }
        }
    }

    /// <summary>
    /// Large shards rank from a compact copy of their vectors (CompactTopKSelector: same results; 4-bit by default,
    /// an eighth of the float bytes scanned per request); small ones are cheap to scan in float and do not pay the
    /// extra memory. Once built, the copy is kept in step with every upsert.
    /// </summary>
    private void KeepCompactVectorsIfLarge()
    {
        if (_compactVectors is null && _vectors.Count >= options.Value.CompactScanMinRows)
        {
            _compactVectors = options.Value.CompactScanBits == 4 ? FourBitRowMatrix.From(_vectors) : QuantizedRowMatrix.From(_vectors);
        }
    }

    /// <summary>
    /// The learned model's popularity prior per row (empty when the model has none): the same counts the cold-start
    /// ranking uses (catalog prior + positive interactions seen), so a user's ranking blends into the popular list.
    /// </summary>
    private ReadOnlySpan<float> PopularityBias() => tracker.PopularityWeight > 0f ? Popularity().Bias : [];

    /// <summary>The per-row counts, with the model's weight (0 without a learned model: the counts still order cold lists).</summary>
    private PopularityPrior Popularity()
    {
        if (_popularityPrior is null)
        {
            _popularityPrior = new PopularityPrior(Math.Max(0f, tracker.PopularityWeight), Items.Count);
            for (var row = 0; row < Items.Count; row++)
            {
                _popularityPrior.Set(row, PopularityCount(row));
            }
        }

        return _popularityPrior;
    }

    /// <summary>A row's score exactly as <see cref="TopKAsync"/> lists it: the popularity count for an empty vector, else cosine plus prior.</summary>
    private float ScoreOf(CatalogQuery query, int row) => query.Vector.Length == 0
        ? (float)PopularityCount(row)
        : TopKSelector.Score(_vectors.Rows, _vectors.Dimension, query.Vector, row, PopularityBias());

    // One notion of popularity for cold-start lists and the learned prior: the catalog's prior count plus the
    // positive interactions reported since.
    private double PopularityCount(int row) => Items[row].Item.Popularity + Items[row].Interactions;

    private RowBitSet? BuildExclusions(CatalogQuery query)
    {
        if (query.ExcludeItemIds.Count == 0 && query.IncludeCategories.Count == 0 && query.ExcludeCategories.Count == 0)
        {
            return null;
        }

        var excluded = Cleared(ref _excludedRows);
        foreach (var id in query.ExcludeItemIds)
        {
            if (_rowById.TryGetValue(id, out var row))
            {
                excluded.Add(row);
            }
        }

        if (query.IncludeCategories.Count > 0)
        {
            var allowed = Cleared(ref _allowedRows);
            foreach (var category in query.IncludeCategories)
            {
                if (_rowsByCategory.TryGetValue(category, out var rows))
                {
                    allowed.UnionWith(rows);
                }
            }

            excluded.UnionWithComplementOf(allowed, Items.Count);
        }

        foreach (var category in query.ExcludeCategories)
        {
            if (_rowsByCategory.TryGetValue(category, out var rows))
            {
                excluded.UnionWith(rows);
            }
        }

        return excluded;
    }

    /// <summary>An empty set covering every row, reusing <paramref name="scratch"/> (rows are never removed, so it only grows).</summary>
    private RowBitSet Cleared(ref RowBitSet? scratch)
    {
        scratch ??= new RowBitSet(Items.Count);
        scratch.Clear();
        scratch.EnsureLength(Items.Count);
        return scratch;
    }

    private ScoredIndex[] SelectByPopularity(int k, RowBitSet? excluded)
    {
        if (k <= 0)
        {
            return [];
        }

        // Counts from one array and ties by id rank: reading counts through the item records (two object hops per
        // row) and comparing id strings on the many ties made a cold user's list cost about nine personalised ones
        // (docs/PERFORMANCE.md, fourth pass).
        var counts = Popularity().Counts;
        var idRanks = _idRanks ??= RankIdsOrdinally();

        // Bounded min-heap, weakest at the root: lower popularity is weaker, and equal popularity is ordered by item id
        // (ordinal), the order the catalog front merges shards in, so a shard never keeps a tie the merge would drop.
        // Once the heap is full, a row less popular than its weakest is rejected on one comparison.
        var heap = new PriorityQueue<int, (double Popularity, int IdRank)>(k + 1, WeakerFirst);
        var weakestCount = double.NegativeInfinity;
        for (var row = 0; row < counts.Length; row++)
        {
            if (counts[row] < weakestCount || (excluded is not null && excluded.Contains(row)))
            {
                continue;
            }

            var priority = (counts[row], idRanks[row]);
            if (heap.Count < k)
            {
                heap.Enqueue(row, priority);
            }
            else if (heap.TryPeek(out _, out var weakest) && WeakerFirst.Compare(priority, weakest) > 0)
            {
                heap.EnqueueDequeue(row, priority);
            }

            if (heap.Count == k && heap.TryPeek(out _, out var weakestKept))
            {
                weakestCount = weakestKept.Popularity;
            }
        }

        var result = new ScoredIndex[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            heap.TryDequeue(out var row, out var priority);
            result[i] = new ScoredIndex(row, (float)priority.Popularity);
        }

        return result;
    }

    private int[] RankIdsOrdinally()
    {
        var rows = Enumerable.Range(0, Items.Count).ToArray();
        Array.Sort(Items.Select(stored => stored.Item.Id).ToArray(), rows, StringComparer.Ordinal);
        var ranks = new int[rows.Length];
        for (var position = 0; position < rows.Length; position++)
        {
            ranks[rows[position]] = position;
        }

        return ranks;
    }

    private void Index(int row, CatalogItem item)
    {
        _rowById[item.Id] = row;
        foreach (var category in item.Categories)
        {
            if (!_rowsByCategory.TryGetValue(category, out var rows))
            {
                rows = new RowBitSet(Math.Max(row + 1, Items.Count));
                _rowsByCategory[category] = rows;
            }

            rows.EnsureLength(row + 1);
            rows.Add(row);
        }
    }

    private void RebuildCategoryIndex()
    {
        _rowsByCategory.Clear();
        for (var row = 0; row < Items.Count; row++)
        {
            Index(row, Items[row].Item);
        }
    }

    private List<LabelVectorSum> ComputeLabelSums()
    {
        var sums = new Dictionary<(LabelKind, string), (float[] Sum, int Count)>();
        for (var row = 0; row < Items.Count; row++)
        {
            var vector = _vectors.Row(row);
            Accumulate(sums, LabelKind.Category, Items[row].Item.Categories, vector);
            Accumulate(sums, LabelKind.Tag, Items[row].Item.Tags, vector);
        }

        return sums.Select(pair => new LabelVectorSum
        {
            Kind = pair.Key.Item1,
            Label = pair.Key.Item2,
            Sum = pair.Value.Sum,
            ItemCount = pair.Value.Count,
        }).ToList();
    }

    private static void Accumulate(
        Dictionary<(LabelKind, string), (float[] Sum, int Count)> sums,
        LabelKind kind,
        IReadOnlyList<string> labels,
        ReadOnlySpan<float> vector)
    {
        foreach (var label in labels)
        {
            var key = (kind, label.ToLowerInvariant());
            if (!sums.TryGetValue(key, out var entry))
            {
                entry = (new float[vector.Length], 0);
            }

            System.Numerics.Tensors.TensorPrimitives.Add(entry.Sum, vector, entry.Sum);
            sums[key] = (entry.Sum, entry.Count + 1);
        }
    }
}
