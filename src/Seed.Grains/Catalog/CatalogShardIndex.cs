using Seed.Abstractions.Catalog;
using Seed.Core.Interest;
using Seed.Core.Ranking;
using Seed.Storage;

namespace Seed.Grains.Catalog;

/// <summary>
/// One catalog shard's items in memory, laid out for ranking: a contiguous matrix of unit ranking vectors (so scoring
/// is one SIMD sweep; a compact 4-bit or int8 copy once the shard is large), an id → row map, per-category row sets
/// for filtering without touching item records, and each row's popularity. Rows are never removed; an upsert of a
/// known id replaces its row. Plain class: the shard grain adapts it to Orleans and storage, tests use it directly.
/// Not thread-safe (the grain is not reentrant), except <see cref="Lookup"/>, which user grains on the same silo call
/// directly (<see cref="LocalCatalogShards"/>).
/// </summary>
public sealed class CatalogShardIndex
{
    /// <summary>The model whose item tower made the rows; replaced by <see cref="UseTracker"/>.</summary>
    private InterestTracker _tracker;
    private readonly CatalogOptions _options;
    private readonly List<StoredItem> _items = [];
    private readonly Dictionary<string, int> _rowById = new(StringComparer.Ordinal);

    /// <summary>
    /// Held while <see cref="_items"/> or <see cref="_rowById"/> change and while <see cref="Lookup"/> reads them: the
    /// only members other threads read. Uncontended but for the moment an upserted row is swapped in.
    /// </summary>
    private readonly Lock _rowsLock = new();
    private readonly CategoryRowIndex _categories = new();
    private readonly EmbeddingMatrix _vectors;
    private readonly HashSet<int> _rowsWithUnsavedCounts = [];

    /// <summary>
    /// With the approximate scan, the rows with the highest popularity prior and those with the largest co-like term
    /// (this many of each) are scored whatever their direction: a large bias can lift a row far from the query into
    /// the top K. 256 is three times the rows a default request asks each shard for (K = 20, times 4 with MMR, plus
    /// one) and costs at most 512 float dot products a request.
    /// </summary>
    private const int BoostedRowsAlwaysScored = 256;

    /// <summary>Rows of one co-like run found on the stack up to this many (a run holds at most a like window's items).</summary>
    private const int MaxStackRows = 256;

    /// <summary>The compact (4-bit or int8) copy of <see cref="_vectors"/>, kept once the shard holds CompactScanMinRows items.</summary>
    private CompactRowMatrix? _compactVectors;

    /// <summary>
    /// The approximate scan's index, kept once the shard holds ApproximateScanMinRows items: its lists hold the rows'
    /// compact codes (ApproximateScanBits), so the shard then drops <see cref="_compactVectors"/> (probing every list is the exact scan).
    /// </summary>
    private InvertedFileIndex? _approximateIndex;

    /// <summary>An index being built on the thread pool after an upsert took the shard past a training point.</summary>
    private ApproximateIndexBuild? _pendingIndex;

    /// <summary>Popularity prior and co-like counts: the per-row bias of personalised scores.</summary>
    private readonly ShardRowBias _bias;

    /// <summary>Each row's id position in ordinal order (ties in the cold-start list); rows added are merged in lazily.</summary>
    private readonly ColdStartOrder _coldStartOrder = new();

    /// <summary>Running total of what the items' own objects hold (see <see cref="Footprint"/>).</summary>
    private ItemFootprint _itemBytes;

    private IReadOnlyList<LabelVectorSum>? _labelSums;

    public CatalogShardIndex(InterestTracker tracker, CatalogOptions options, int initialCapacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(options);
        _tracker = tracker;
        _options = options;
        _vectors = new EmbeddingMatrix(tracker.ItemTower.OutputDim, Math.Max(1024, initialCapacity));
        _bias = new ShardRowBias(tracker, _items);
    }

    public int Count => _items.Count;

    /// <summary>True once the shard ranks from the compact copy of its vectors.</summary>
    public bool UsesCompactScan => _compactVectors is not null;

    /// <summary>True once the shard ranks through its inverted-file index (ApproximateScanMinRows).</summary>
    public bool UsesApproximateScan => _approximateIndex is not null;

    /// <summary>
    /// Swaps in an index being built in the background now, waiting for it (tests; the shard otherwise swaps it in on
    /// its first turn after the build ends).
    /// </summary>
    public void CompleteApproximateIndex()
    {
        if (_pendingIndex is not null)
        {
            SwapInApproximateIndex();
        }
    }

    /// <summary>The model the rows are projected with.</summary>
    public InterestTracker Tracker => _tracker;

    /// <summary>
    /// Serves another model: every row is projected again through its item tower (the compact copy is rebuilt from the
    /// new rows) and its popularity and co-like weights apply from the next query. Items, counts and category sets
    /// are the shard's, not the model's, and stay.
    /// </summary>
    public void UseTracker(InterestTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        if (tracker.ItemTower.OutputDim != _vectors.Dimension || tracker.ItemTower.InputDim != _tracker.ItemTower.InputDim)
        {
            throw new ArgumentException(
                $"The model ranks in {tracker.ItemTower.OutputDim}-d from {tracker.ItemTower.InputDim}-d embeddings; this shard holds {_vectors.Dimension}-d rows.",
                nameof(tracker));
        }

        _tracker = tracker;
        var vector = new float[_vectors.Dimension];
        for (var row = 0; row < _items.Count; row++)
        {
            tracker.ItemTower.Project(_items[row].Embedding, vector);
            _vectors.Set(row, vector);
        }

        _compactVectors = null;
        _approximateIndex = null;
        _pendingIndex = null;
        _bias.UseTracker(tracker);
        OnRowsChanged(buildInBackground: false);
    }

    /// <summary>Adds stored items (an activation's load) in row order.</summary>
    public void Load(IReadOnlyList<StoredItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var stored in items)
        {
            Append(stored);
        }

        // An activation's load: nothing is waiting on the shard yet but the load itself.
        OnRowsChanged(buildInBackground: false);
    }

    /// <summary>
    /// Checks <paramref name="items"/> and describes the upsert for the store, without changing the index: each item
    /// keeps the live interaction count of the row it replaces. Throws <see cref="ArgumentException"/> naming the item
    /// and field when any item is invalid.
    /// </summary>
    public ShardUpsert PlanUpsert(IReadOnlyList<EmbeddedItem> items) => ShardUpsertPlanner.Plan(items, _items, _rowById, _tracker.ItemTower.InputDim);

    /// <summary>Applies an upsert from <see cref="PlanUpsert"/> once the store holds it.</summary>
    public void Apply(ShardUpsert upsert)
    {
        ArgumentNullException.ThrowIfNull(upsert);
        var vector = new float[_vectors.Dimension];
        var recategorised = false;
        foreach (var stored in upsert.Written)
        {
            if (!_rowById.TryGetValue(stored.Item.Id, out var row))
            {
                Append(stored);
                continue;
            }

            var previous = _items[row];
            lock (_rowsLock)
            {
                _items[row] = stored;
            }

            _itemBytes += ItemFootprint.Of(stored) - ItemFootprint.Of(previous);
            _tracker.ItemTower.Project(stored.Embedding, vector);
            _vectors.Set(row, vector);
            _compactVectors?.Set(row, vector);
            _approximateIndex?.Set(row, vector);
            _pendingIndex?.RowReplaced(row);
            _bias.RowChanged(row);
            recategorised |= !previous.Item.Categories.SequenceEqual(stored.Item.Categories, StringComparer.OrdinalIgnoreCase);
        }

        if (recategorised)
        {
            // Category sets only ever gain rows, so a re-categorised item is rebuilt out of its old sets.
            _categories.Rebuild(_items);
        }

        OnRowsChanged(buildInBackground: true);
    }

    /// <summary>Each id's raw embedding and categories, in order. Safe to call from any thread while the owner writes.</summary>
    public IReadOnlyList<ItemLookup> Lookup(IReadOnlyList<string> itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var result = new ItemLookup[itemIds.Count];
        lock (_rowsLock)
        {
            for (var i = 0; i < itemIds.Count; i++)
            {
                result[i] = _rowById.TryGetValue(itemIds[i], out var row)
                    ? new ItemLookup { ItemId = itemIds[i], Found = true, Embedding = _items[row].Embedding, Categories = _items[row].Item.Categories }
                    : new ItemLookup { ItemId = itemIds[i], Found = false };
            }
        }

        return result;
    }

    public IReadOnlyList<string> FindMissing(IReadOnlyList<string> itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        return itemIds.Where(id => !_rowById.ContainsKey(id)).ToList();
    }

    /// <summary>The best <see cref="CatalogQuery.K"/> eligible items: by interest score, or by popularity for an empty vector.</summary>
    public IReadOnlyList<ScoredItem> TopK(CatalogQuery query, bool includeVectors)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (_pendingIndex?.IsCompleted == true)
        {
            SwapInApproximateIndex();
        }

        var excluded = BuildExclusions(query);
        ReadOnlySpan<ScoredIndex> winners = query.Vector.Length == 0
            ? ColdStartRanking.Select(_bias.Popularity().Counts, _coldStartOrder.Ranks(_items), query.K, excluded)
            : SelectByInterest(query, excluded);
        var result = new ScoredItem[winners.Length];
        for (var i = 0; i < winners.Length; i++)
        {
            var stored = _items[winners[i].Index];
            result[i] = new ScoredItem
            {
                ItemId = stored.Item.Id,
                Title = stored.Item.Title,
                Score = winners[i].Score,
                Categories = stored.Item.Categories,
                Vector = includeVectors ? _vectors.Row(winners[i].Index).ToArray() : null,
            };
        }

        return result;
    }

    /// <summary>
    /// The best K rows by interest score, equal scores by item id (ordinal): the order <see cref="CountRankedAhead"/>
    /// and the merge of the shards' lists use. The selectors break ties by row instead, which at the cut could keep a
    /// row whose id ranks after one it leaves out, so they are asked for one row more than K: unless that row ties
    /// the K-th, no tie straddles the cut and only ties among the kept rows need reordering. Exact ties come from
    /// identical texts (a recombined synthetic catalog has many); when one straddles the cut, the selector is asked
    /// again for twice as many rows until the last one found scores below the cut, so every row at the cut is among
    /// those found. Each retry is the shard's usual scan (the compact one on a large shard); gathering the tied rows
    /// by scoring every float row instead streamed eight times the bytes and was a large shard's slowest request.
    /// </summary>
    private ReadOnlySpan<ScoredIndex> SelectByInterest(CatalogQuery query, RowBitSet? excluded)
    {
        var k = query.K;
        if (k <= 0)
        {
            return [];
        }

        var bias = _approximateIndex is not null ? ApproximateScanBias(query, _approximateIndex) : new QueryBias(new SplitRowBias(_bias.For(query), [], []), []);
        var wanted = k + 1;
        var found = SelectBest(query, excluded, bias, wanted);
        while (found.Length == wanted && found[wanted - 1].Score == found[k - 1].Score && wanted < _items.Count)
        {
            wanted = (int)Math.Min(2L * wanted, _items.Count);
            found = SelectBest(query, excluded, bias, wanted);
        }

        var cut = found.Length < k ? float.NegativeInfinity : found[k - 1].Score;
        var kept = found.AsSpan(0, found.TakeWhile(winner => winner.Score >= cut).Count());
        OrderTiesById(kept);
        return kept[..Math.Min(k, kept.Length)];
    }

    /// <summary>
    /// The query's bias for the approximate scan, in two parts: the prior, which the index keeps beside each row's
    /// codes (brought up to date here), and the co-like term of the rows the user's likes touch, which alone move off
    /// it, without the pairs below <see cref="CatalogOptions.ApproximateScanCoLikeFloor"/>; with the rows a bias may
    /// lift from far away (<see cref="ShardRowBias.BoostedRows"/>).
    /// </summary>
    private QueryBias ApproximateScanBias(CatalogQuery query, InvertedFileIndex index)
    {
        _bias.SyncStoredBias(index);
        var prior = _bias.PriorBias();
        var coLikeTerms = _bias.CoLikeTerms(query, (float)_options.ApproximateScanCoLikeFloor);
        return new QueryBias(new SplitRowBias(prior, coLikeTerms, _bias.RowsOffPrior, _bias.RowsOffPriorSet), _bias.BoostedRows(BoostedRowsAlwaysScored));
    }

    /// <summary>
    /// The <paramref name="count"/> best rows by score, ties by row: on the largest shards those among the rows
    /// nearest the query and the boosted rows (approximate), else the compact scan on a large shard and the float one
    /// on a small shard (exact), both with the bias in one array.
    /// </summary>
    private ScoredIndex[] SelectBest(CatalogQuery query, RowBitSet? excluded, QueryBias bias, int count)
    {
        if (_approximateIndex is not null)
        {
            return _approximateIndex.SelectWithStoredBias(
                _vectors.Rows, query.Vector, count, excluded, bias.Bias, _options.ApproximateScanProbes, _options.CompactScanCandidateFactor, bias.Boosted);
        }

        var whole = bias.Bias.Stored;
        return _compactVectors is not null
            ? CompactTopKSelector.Select(_vectors.Rows, _compactVectors, query.Vector, count, excluded, whole, _options.CompactScanCandidateFactor)
            : TopKSelector.Select(_vectors.Rows, _vectors.Dimension, query.Vector, count, excluded, whole);
    }

    /// <summary>Reorders rows sorted by score (ties by row) into score order with ties by item id.</summary>
    private void OrderTiesById(Span<ScoredIndex> rows)
    {
        for (var i = 1; i < rows.Length; i++)
        {
            if (rows[i].Score == rows[i - 1].Score)
            {
                rows.Sort((left, right) => left.Score != right.Score
                    ? right.Score.CompareTo(left.Score)
                    : string.CompareOrdinal(_items[left.Index].Item.Id, _items[right.Index].Item.Id));
                return;
            }
        }
    }

    /// <summary>One item's score and eligibility under the query, exactly as <see cref="TopK"/> would list it.</summary>
    public ItemRank ScoreItem(CatalogQuery query, string itemId)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(itemId);
        if (!_rowById.TryGetValue(itemId, out var row))
        {
            return new ItemRank { ItemId = itemId, Found = false };
        }

        var excluded = BuildExclusions(query);
        return new ItemRank
        {
            ItemId = itemId,
            Found = true,
            Eligible = excluded is null || !excluded.Contains(row),
            Score = ScoreOf(query, row, _bias.For(query)),
        };
    }

    /// <summary>
    /// Eligible rows that rank ahead of an item scoring <paramref name="score"/> with id <paramref name="itemId"/>
    /// (higher score, or an equal score and a lower id in ordinal order: the order the merged lists use), and the
    /// eligible rows in all.
    /// </summary>
    public ShardRankCount CountRankedAhead(CatalogQuery query, float score, string itemId)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(itemId);
        var excluded = BuildExclusions(query);
        var targetRow = _rowById.GetValueOrDefault(itemId, -1);
        bool WinsTie(int row) => string.CompareOrdinal(_items[row].Item.Id, itemId) < 0;
        var bias = _bias.For(query);
        int ahead;
        if (query.Vector.Length == 0)
        {
            ahead = 0;
            for (var row = 0; row < _items.Count; row++)
            {
                if (row != targetRow && (excluded is null || !excluded.Contains(row)))
                {
                    var other = ScoreOf(query, row, bias);
                    ahead += other > score || (other == score && WinsTie(row)) ? 1 : 0;
                }
            }
        }
        else
        {
            ahead = TopKSelector.CountRankedAhead(_vectors.Rows, _vectors.Dimension, query.Vector, excluded, bias, score, targetRow, WinsTie);
        }

        return new ShardRankCount { Ahead = ahead, Eligible = _items.Count - (excluded?.Count ?? 0) };
    }

    /// <summary>Per category and tag: the sum of its items' ranking vectors and their count (cached until the rows change).</summary>
    public IReadOnlyList<LabelVectorSum> LabelSums() => _labelSums ??= LabelVectorSums.Compute(_items, _vectors);

    /// <summary>
    /// What this shard holds in memory for its items, from its own structures' sizes (<see cref="CatalogFootprint"/>
    /// says how they are counted). O(categories): the per-item part is a running total.
    /// </summary>
    public CatalogFootprint Footprint()
    {
        // Dictionary<string, int>: per entry a hash code, a next index, the key reference and the value (24 bytes
        // with padding) plus an int bucket; sized to the count here, its prime capacity is a little more.
        const long RowMapEntryBytes = 24 + sizeof(int);
        const long ListSlotBytes = 8;
        return new CatalogFootprint
        {
            ItemCount = _items.Count,
            RankingVectorBytes = _vectors.AllocatedBytes,
            CompactVectorBytes = _compactVectors?.AllocatedBytes ?? _approximateIndex?.AllocatedBytes ?? 0,
            EmbeddingBytes = _itemBytes.EmbeddingBytes,
            TextBytes = _itemBytes.TextBytes,
            IndexBytes = _itemBytes.RecordBytes
                + (_items.Capacity * ListSlotBytes)
                + (_rowById.Count * RowMapEntryBytes)
                + _categories.AllocatedBytes
                + _bias.AllocatedBytes
                + _coldStartOrder.AllocatedBytes,
            CoLikeBytes = _bias.CoLikes.AllocatedBytes,
        };
    }

    /// <summary>Counts one positive interaction per id this shard holds (live popularity); unknown ids are ignored.</summary>
    public void RecordInteractions(IReadOnlyList<string> itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        foreach (var id in itemIds)
        {
            if (_rowById.TryGetValue(id, out var row))
            {
                _items[row].Interactions += 1;
                _bias.RowChanged(row);
                _rowsWithUnsavedCounts.Add(row);
            }
        }
    }

    /// <summary>Number of items whose interaction counts changed since they were last taken.</summary>
    public int UnsavedCountItems => _rowsWithUnsavedCounts.Count;

    /// <summary>
    /// Takes up to <paramref name="max"/> of the items whose interaction counts changed since they were last taken and
    /// counts them as saved (an item counted again is listed again); a failed write gives them back with
    /// <see cref="MarkCountsUnsaved"/>.
    /// </summary>
    public IReadOnlyList<StoredItem> TakeItemsWithUnsavedCounts(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var rows = _rowsWithUnsavedCounts.Take(max).ToArray();
        _rowsWithUnsavedCounts.ExceptWith(rows);
        return [.. rows.Select(row => _items[row])];
    }

    /// <summary>Lists items as changed again (their write failed); ids this shard does not hold are ignored.</summary>
    public void MarkCountsUnsaved(IReadOnlyList<StoredItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var stored in items)
        {
            if (_rowById.TryGetValue(stored.Item.Id, out var row))
            {
                _rowsWithUnsavedCounts.Add(row);
            }
        }
    }

    /// <summary>Counts a user's positive interactions and the co-like pairs whose first item this shard holds.</summary>
    public void Report(InteractionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        RecordInteractions(report.LikedItemIds);
        foreach (var run in report.CoLikes)
        {
            if (run.OthersFirst)
            {
                CountTurnedRound(run);
            }
            else if (_rowById.TryGetValue(run.ItemId, out var row))
            {
                // (item, other) for each other: one lookup of the run's own row. Indexed, not foreach: an enumerator
                // of the interface is an allocation per run.
                var others = run.OtherItemIds;
                for (var i = 0; i < others.Count; i++)
                {
                    _bias.CoLikes.Increment(row, others[i]);
                }
            }
        }
    }

    /// <summary>(other, item) for each other of a run turned round: every other is one of this shard's rows.</summary>
    private void CountTurnedRound(CoLikeRun run)
    {
        var others = run.OtherItemIds;
        Span<int> rows = others.Count <= MaxStackRows ? stackalloc int[others.Count] : new int[others.Count];
        var found = 0;
        for (var i = 0; i < others.Count; i++)
        {
            if (_rowById.TryGetValue(others[i], out var row))
            {
                rows[found++] = row;
            }
        }

        _bias.CoLikes.Increment(rows[..found], run.ItemId);
    }

    /// <summary>Each id's live count of positive interactions, in order; 0 for ids this shard does not hold.</summary>
    public IReadOnlyList<double> LikeCounts(IReadOnlyList<string> itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        return [.. itemIds.Select(id => _rowById.TryGetValue(id, out var row) ? _items[row].Interactions : 0)];
    }

    /// <summary>Restores stored co-like counts (after <see cref="Load"/>); counts of items this shard no longer holds are dropped.</summary>
    public void LoadCoLikes(IReadOnlyList<StoredCoLike> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var count in counts)
        {
            if (_rowById.TryGetValue(count.ItemId, out var row) && count.Count > 0)
            {
                _bias.CoLikes.Set(row, count.OtherItemId, count.Count);
            }
        }
    }

    /// <summary>Number of co-like counts changed since they were last taken.</summary>
    public int UnsavedCoLikeCount => _bias.CoLikes.UnsavedCount;

    /// <summary>
    /// Takes up to <paramref name="max"/> of the co-like counts changed since they were last taken, with their current
    /// values, and counts them as saved (see <see cref="Seed.Core.Collaborative.CoLikeIndex.TakeUnsaved"/>); a failed write gives them back
    /// with <see cref="MarkCoLikesUnsaved"/>.
    /// </summary>
    public IReadOnlyList<StoredCoLike> TakeUnsavedCoLikes(int max) =>
        [.. _bias.CoLikes.TakeUnsaved(max).Select(count => new StoredCoLike(_items[count.Row].Item.Id, count.OtherItemId, count.Count))];

    /// <summary>Lists co-like counts as changed again (their write failed); pairs this shard does not hold are ignored.</summary>
    public void MarkCoLikesUnsaved(IReadOnlyList<StoredCoLike> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var count in counts)
        {
            if (_rowById.TryGetValue(count.ItemId, out var row))
            {
                _bias.CoLikes.MarkUnsaved(row, count.OtherItemId);
            }
        }
    }

    private void Append(StoredItem stored)
    {
        var row = _items.Count;
        lock (_rowsLock)
        {
            _items.Add(stored);
            _rowById[stored.Item.Id] = row;
        }

        var vector = new float[_vectors.Dimension];
        _tracker.ItemTower.Project(stored.Embedding, vector);
        _vectors.Add(vector);
        _compactVectors?.Add(vector);
        _approximateIndex?.Add(vector);
        _categories.Add(row, stored.Item.Categories, _items.Count);
        _itemBytes += ItemFootprint.Of(stored);
        _bias.RowChanged(row);
    }

    /// <summary>
    /// Large shards rank from a compact copy of their vectors (CompactTopKSelector: same results; 4-bit by default,
    /// an eighth of the float bytes scanned per request); small ones are cheap to scan in float and do not pay the
    /// extra memory. The largest rank through an inverted-file index instead, trained when the shard reaches
    /// ApproximateScanMinRows and again whenever its rows have doubled since (new rows join the nearest list between
    /// trainings): after an upsert on the thread pool, the shard ranking as before until it is built; on an
    /// activation's load at once. Once built, the copy or index is kept in step with every upsert.
    /// </summary>
    private void OnRowsChanged(bool buildInBackground)
    {
        if (_pendingIndex?.IsCompleted == true)
        {
            SwapInApproximateIndex();
        }

        if (_pendingIndex is null && _vectors.Count >= _options.ApproximateScanMinRows && _approximateIndex?.IsOutgrown != false)
        {
            _pendingIndex = new ApproximateIndexBuild(_vectors, _options.ApproximateScanListRows, _options.ApproximateScanBits);
            if (!buildInBackground)
            {
                SwapInApproximateIndex();
            }
        }
        else if (_approximateIndex is null && _compactVectors is null && _vectors.Count >= _options.CompactScanMinRows)
        {
            _compactVectors = _options.CompactScanBits == 4 ? FourBitRowMatrix.From(_vectors) : QuantizedRowMatrix.From(_vectors);
        }

        _labelSums = null;
    }

    /// <summary>The index built in the background replaces the compact copy (or the outgrown index) from now on.</summary>
    private void SwapInApproximateIndex()
    {
        var build = _pendingIndex!;
        _pendingIndex = null;
        _approximateIndex = build.Complete(_vectors);
        _compactVectors = null;
    }

    /// <summary>A row's score exactly as <see cref="TopK"/> lists it: the popularity count for an empty vector, else cosine plus bias.</summary>
    private float ScoreOf(CatalogQuery query, int row, ReadOnlySpan<float> bias) => query.Vector.Length == 0
        ? (float)_bias.PopularityCount(row)
        : TopKSelector.Score(_vectors.Rows, _vectors.Dimension, query.Vector, row, bias);

    private RowBitSet? BuildExclusions(CatalogQuery query) => _categories.Exclusions(query, _rowById, _items.Count);

    /// <summary>
    /// A personalised query's bias as the shard's scan takes it: for the exact scans one array (the stored part, nothing
    /// added); for the approximate scan the prior and the co-like terms apart, with the rows always scored.
    /// </summary>
    private readonly ref struct QueryBias(SplitRowBias bias, ReadOnlySpan<int> boosted)
    {
        public SplitRowBias Bias { get; } = bias;

        public ReadOnlySpan<int> Boosted { get; } = boosted;
    }
}
