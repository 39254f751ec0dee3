using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Seed.Core.Ranking;

/// <summary>
/// An approximate top-K over a large row matrix (an inverted file, IVF): the rows are split into lists by their
/// nearest centroid (<see cref="SphericalKMeans"/>), each list keeps its rows' compact codes back to back
/// (<see cref="FourBitRowMatrix"/> or <see cref="QuantizedRowMatrix"/>), and a query scans only the lists whose centroids are nearest to it. The rows
/// of those lists are ranked exactly as <see cref="CompactTopKSelector"/> ranks a whole matrix (a compact bound, then
/// float re-scoring), so every score returned is the exact score and the only approximation is which rows are looked
/// at. The bias a caller adds can lift a row the query's direction alone would not reach, so rows the caller names
/// (the co-liked and the most popular) are scored as well, wherever they are listed.
/// <para>
/// Upserts: a new or changed row joins the list of its nearest existing centroid (a row that changes list leaves a
/// dead slot behind); the centroids are not retrained, so lists drift from their sizes as rows arrive and the owner
/// rebuilds the index once it has outgrown its training (<see cref="IsOutgrown"/>).
/// </para>
/// Not thread-safe: the owner serialises writes and queries (a query reuses scratch buffers).
/// </summary>
public sealed class InvertedFileIndex
{
    /// <summary>
    /// Rows k-means trains on: 32 per centroid at the default list size of a 250k-row shard is plenty for centroids
    /// that only have to partition the rows, and it bounds training to a fixed cost whatever the shard's size (the
    /// build runs on the shard's turn, in the middle of a bulk import).
    /// </summary>
    public const int TrainingSampleRows = 32_768;

    /// <summary>Lloyd iterations: most of k-means' gain in how well lists separate comes in the first few.</summary>
    public const int TrainingIterations = 5;

    /// <summary>How much the rows may grow past the count the centroids were trained on before a rebuild is due.</summary>
    private const int GrowthBeforeRetraining = 2;

    /// <summary>Fixed, so the same rows always give the same lists.</summary>
    private const int Seed = 20;

    /// <summary>Most lists an index has, so that a row's list fits in two bytes (a shard would need 16M rows at the default 256 a list).</summary>
    public const int MaxLists = ushort.MaxValue + 1;

    /// <summary>A slot whose row moved to another list.</summary>
    private const int MovedAway = -1;

    private readonly NearestCentroid _nearest;
    private readonly CompactRowMatrix[] _listCodes;

    /// <summary>Per list, the row each slot holds (<see cref="MovedAway"/> for a dead slot), in slot order.</summary>
    private readonly List<int>[] _listRows;

    /// <summary>
    /// Per list, each slot's stored bias (<see cref="SetBias"/>; 0 until set, NaN for a dead slot), in slot order:
    /// <see cref="SelectWithStoredBias"/> hands a list's bias to the kernel as it lies, instead of gathering each
    /// slot's value from a row-ordered array, a random read per slot that cost a quarter of a probe round's time.
    /// </summary>
    private readonly List<float>[] _listBias;

    /// <summary>Per row, its list, in two bytes (<see cref="MaxLists"/>): half an int's memory for a map every row has.</summary>
    private readonly List<ushort> _rowLists = [];

    /// <summary>Per row, its slot in its list.</summary>
    private readonly List<int> _rowSlots = [];

    /// <summary>Scratch of <see cref="RowsOutsideProbedLists"/>, reused by every query (queries are serialised, as writes are).</summary>
    private readonly List<int> _rowsOutside = [];
    private readonly RowBitSet _rowsOutsideSeen = new(0);

    /// <summary>Scratch of <see cref="AddedRowSet"/>: the added rows as a set, for a caller that gives them as a list only.</summary>
    private readonly RowBitSet _addedRows = new(0);

    private InvertedFileIndex(EmbeddingMatrix centroids, int trainedRowCount)
    {
        Dimension = centroids.Dimension;
        _nearest = new NearestCentroid(centroids);
        TrainedRowCount = trainedRowCount;
        _listCodes = new CompactRowMatrix[centroids.Count];
        _listRows = new List<int>[centroids.Count];
        _listBias = new List<float>[centroids.Count];
    }

    public int Dimension { get; }

    /// <summary>Rows indexed: rows 0 to RowCount − 1 of the matrix the queries pass.</summary>
    public int RowCount => _rowSlots.Count;

    public int ListCount => _listCodes.Length;

    /// <summary>Rows the centroids were trained on (the row count when the index was built).</summary>
    public int TrainedRowCount { get; }

    /// <summary>True once the rows have doubled since training: the lists are then twice their intended size on average.</summary>
    public bool IsOutgrown => RowCount >= (long)GrowthBeforeRetraining * Math.Max(1, TrainedRowCount);

    /// <summary>Bytes of the centroids, the lists' codes and row ids, and the row → slot map, spare capacity included.</summary>
    public long AllocatedBytes
    {
        get
        {
            var bytes = _nearest.AllocatedBytes + ((long)_rowLists.Capacity * sizeof(ushort)) + ((long)_rowSlots.Capacity * sizeof(int)) + _rowsOutsideSeen.AllocatedBytes + _addedRows.AllocatedBytes;
            for (var list = 0; list < ListCount; list++)
            {
                bytes += _listCodes[list].AllocatedBytes + ((long)_listRows[list].Capacity * sizeof(int)) + ((long)_listBias[list].Capacity * sizeof(float));
            }

            return bytes;
        }
    }

    /// <summary>
    /// Trains centroids for about <paramref name="rowsPerList"/> rows per list on a sample of
    /// <paramref name="rows"/> and files every row under its nearest centroid, its codes <paramref name="bits"/> bits
    /// a value: 4 (<see cref="FourBitRowMatrix"/>) or 8 (<see cref="QuantizedRowMatrix"/>).
    /// </summary>
    public static InvertedFileIndex Build(EmbeddingMatrix rows, int rowsPerList, int bits = 4)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowsPerList);
        if (bits is not (4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "The lists' codes are 4 or 8 bits a value.");
        }

        var listCount = (int)Math.Clamp(((long)rows.Count + rowsPerList - 1) / rowsPerList, 1, MaxLists);
        var centroids = SphericalKMeans.Train(rows, listCount, TrainingSampleRows, TrainingIterations, Seed);
        var index = new InvertedFileIndex(centroids, rows.Count);
        var assigned = new int[rows.Count];
        var sizes = new int[index.ListCount];
        for (var row = 0; row < rows.Count; row++)
        {
            assigned[row] = index._nearest.Of(rows.Row(row));
            sizes[assigned[row]]++;
        }

        for (var list = 0; list < index.ListCount; list++)
        {
            index._listCodes[list] = bits == 4 ? new FourBitRowMatrix(rows.Dimension, sizes[list]) : new QuantizedRowMatrix(rows.Dimension, sizes[list]);
            index._listRows[list] = new List<int>(sizes[list]);
            index._listBias[list] = new List<float>(sizes[list]);
        }

        for (var row = 0; row < rows.Count; row++)
        {
            index.AddToList(row, assigned[row], rows.Row(row));
        }

        return index;
    }

    /// <summary>Indexes the next row (row number <see cref="RowCount"/>).</summary>
    public void Add(ReadOnlySpan<float> values)
    {
        RequireRowLength(values);
        AddToList(RowCount, _nearest.Of(values), values);
    }

    /// <summary>Re-indexes an existing row with new values: in place when its nearest list is the same, else moved.</summary>
    public void Set(int row, ReadOnlySpan<float> values)
    {
        if ((uint)row >= (uint)RowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be in [0, {RowCount}).");
        }

        RequireRowLength(values);
        var list = _nearest.Of(values);
        var (previousList, previousSlot) = (_rowLists[row], _rowSlots[row]);
        if (list == previousList)
        {
            _listCodes[list].Set(previousSlot, values);
            return;
        }

        // Zeros, so a NaN row that moves away does not leave its non-finite flag behind in the dead slot.
        _listCodes[previousList].Set(previousSlot, new float[Dimension]);
        _listRows[previousList][previousSlot] = MovedAway;
        var bias = _listBias[previousList][previousSlot];
        _listBias[previousList][previousSlot] = float.NaN;
        (_rowLists[row], _rowSlots[row]) = ((ushort)list, _listRows[list].Count);
        _listCodes[list].Add(values);
        _listRows[list].Add(row);
        _listBias[list].Add(bias);
    }

    /// <summary>
    /// Stores <paramref name="bias"/> as <paramref name="row"/>'s bias for <see cref="SelectWithStoredBias"/>; it
    /// follows the row when <see cref="Set"/> moves it to another list. A row starts at 0.
    /// </summary>
    public void SetBias(int row, float bias)
    {
        if ((uint)row >= (uint)RowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be in [0, {RowCount}).");
        }

        if (!float.IsFinite(bias))
        {
            throw new ArgumentOutOfRangeException(nameof(bias), bias, "A stored bias must be finite.");
        }

        _listBias[_rowLists[row]][_rowSlots[row]] = bias;
    }

    /// <summary>
    /// Up to <paramref name="k"/> rows by rows[row] · <paramref name="query"/> + <paramref name="rowBias"/>[row], best
    /// first (ties by lower row), skipping <paramref name="excluded"/>: the exact top K among the rows of the
    /// <paramref name="probes"/> lists nearest the query and the <paramref name="alwaysScored"/> rows.
    /// <paramref name="rows"/> holds the float rows this index was built from and kept in step with.
    /// <list type="bullet">
    /// <item>Exclusions thin every list alike, so the lists probed grow by the share of rows excluded: a category
    /// filter keeping a tenth of the rows probes ten times the lists.</item>
    /// <item>When fewer than K eligible rows were found, the probes double until they are, or until every list was
    /// probed: then the result is exactly <see cref="TopKSelector"/>'s.</item>
    /// <item>A NaN or infinite value in a considered row's bias, in any row or in the query falls back to the float
    /// scan of every row, as <see cref="CompactTopKSelector"/> does; the bias of rows not considered is not read.</item>
    /// </list>
    /// </summary>
    public ScoredIndex[] Select(
        ReadOnlySpan<float> rows,
        ReadOnlySpan<float> query,
        int k,
        RowBitSet? excluded,
        ReadOnlySpan<float> rowBias,
        int probes,
        int candidateFactor,
        ReadOnlySpan<int> alwaysScored) =>
        Rank(rows, query, new ProbeRequest(k, excluded, probes, candidateFactor), new SlotBias(new SplitRowBias(rowBias, [], []), Stored: false, AddedRowSet: null), alwaysScored);

    /// <summary>
    /// As <see cref="Select"/> with the bias <paramref name="rowBias"/> (Stored[row] + Added[row]), the bounds taking
    /// each slot's stored part from what <see cref="SetBias"/> stored beside its codes: the caller keeps that equal to
    /// <see cref="SplitRowBias.Stored"/> for every row, and only the bounds of <see cref="SplitRowBias.AddedRows"/> (a
    /// query's co-liked rows) are moved, by their added part. Exact scores read both parts, so the result is
    /// <see cref="Select"/>'s with the two added together.
    /// </summary>
    public ScoredIndex[] SelectWithStoredBias(
        ReadOnlySpan<float> rows,
        ReadOnlySpan<float> query,
        int k,
        RowBitSet? excluded,
        SplitRowBias rowBias,
        int probes,
        int candidateFactor,
        ReadOnlySpan<int> alwaysScored) =>
        Rank(rows, query, new ProbeRequest(k, excluded, probes, candidateFactor), new SlotBias(rowBias, Stored: true, AddedRowSet(rowBias)), alwaysScored);

    private ScoredIndex[] Rank(ReadOnlySpan<float> rows, ReadOnlySpan<float> query, ProbeRequest request, SlotBias bias, ReadOnlySpan<int> alwaysScored)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Probes, "probes");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.CandidateFactor, "candidateFactor");
        RequireRowLength(query);
        if (rows.Length != (long)RowCount * Dimension)
        {
            throw new ArgumentException($"The index holds {RowCount} rows of {Dimension}; the float rows hold {rows.Length} values.", nameof(rows));
        }

        RequireOneValuePerRow(bias.RowBias.Stored);
        RequireOneValuePerRow(bias.RowBias.Added);

        var (k, excluded) = (request.K, request.Excluded);
        if (k <= 0 || RowCount == 0 || HasNonFiniteRows() || !float.IsFinite(TensorPrimitives.Sum(query)))
        {
            // Nothing to rank, or values no bound covers (NaN, infinity): the float scan handles those.
            return TopKSelector.Select(rows, Dimension, query, k, excluded, bias.RowBias.Combined(RowCount));
        }

        var eligible = Math.Max(1, RowCount - (excluded?.Count ?? 0));
        var probed = (int)Math.Min(ListCount, (((long)request.Probes * RowCount) + eligible - 1) / eligible);
        while (true)
        {
            var found = SelectFromNearestLists(rows, query, request, bias, probed, alwaysScored);
            if (found is null)
            {
                // A NaN or infinite bias: no bound holds for that row.
                return TopKSelector.Select(rows, Dimension, query, k, excluded, bias.RowBias.Combined(RowCount));
            }

            if (found.Length >= k || probed == ListCount)
            {
                return found;
            }

            probed = (int)Math.Min(ListCount, 2L * probed);
        }
    }

    /// <summary>One probe round: bounds of every slot of the nearest lists, then the exact ranking; null for a non-finite bias.</summary>
    private ScoredIndex[]? SelectFromNearestLists(
        ReadOnlySpan<float> rows, ReadOnlySpan<float> query, ProbeRequest request, SlotBias bias, int probes, ReadOnlySpan<int> alwaysScored)
    {
        var lists = _nearest.Best(query, probes);
        var isProbed = new RowBitSet(ListCount);
        var slots = 0;
        var largestList = 0;
        foreach (var list in lists)
        {
            isProbed.Add(list.Index);
            slots += _listRows[list.Index].Count;
            largestList = Math.Max(largestList, _listRows[list.Index].Count);
        }

        var bounds = ArrayPool<float>.Shared.Rent(slots);
        var boundStarts = ArrayPool<int>.Shared.Rent(lists.Length + 1);
        // Only a bias gathered slot by slot needs a buffer; the stored one is read where it lies.
        var listBias = bias.Stored ? [] : ArrayPool<float>.Shared.Rent(largestList);
        try
        {
            var at = 0;
            for (var probed = 0; probed < lists.Length; probed++)
            {
                var list = lists[probed];
                boundStarts[probed] = at;
                var slotRows = CollectionsMarshal.AsSpan(_listRows[list.Index]);
                ReadOnlySpan<float> slotBias = CollectionsMarshal.AsSpan(_listBias[list.Index]);
                if (!bias.Stored)
                {
                    if (!GatherBias(slotRows, bias.RowBias.Stored, listBias))
                    {
                        return null;
                    }

                    slotBias = listBias.AsSpan(0, slotRows.Length);
                }

                _listCodes[list.Index].ScoreUpperBounds(query, slotBias, bounds.AsSpan(at, slotRows.Length));
                if (bias.AddedRowSet is not null && !MoveBoundsByAddedBias(slotRows, bias.RowBias, bias.AddedRowSet, bounds.AsSpan(at, slotRows.Length)))
                {
                    return null;
                }

                at += slotRows.Length;
            }

            boundStarts[lists.Length] = at;
            var unlisted = RowsOutsideProbedLists(alwaysScored, isProbed);
            var boundRows = new ProbedListRows(_listRows, lists, boundStarts.AsSpan(0, lists.Length + 1));
            return CompactTopKSelector.RankBoundedRows(
                rows, Dimension, query, request.K, request.Excluded, bias.RowBias, bounds.AsSpan(0, slots), boundRows, unlisted, request.CandidateFactor);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(bounds);
            ArrayPool<int>.Shared.Return(boundStarts);
            if (listBias.Length > 0)
            {
                ArrayPool<float>.Shared.Return(listBias);
            }
        }
    }

    /// <summary>
    /// Adds the added bias of each of a probed list's rows that has one to its bound, testing the list's slots against
    /// the set of added rows: a few hundred lookups in a bit set that stays in cache, where visiting every added row
    /// to find its list read a per-row array for each of the thousands of rows a popular like touches (most of them in
    /// lists not probed). The bound was the stored bias plus the row's compact bound, so it is now that plus the whole
    /// bias, off by a rounding the ranking's slack covers. False when an added bias is not finite.
    /// </summary>
    private static bool MoveBoundsByAddedBias(ReadOnlySpan<int> slotRows, SplitRowBias bias, RowBitSet addedRows, Span<float> bounds)
    {
        for (var slot = 0; slot < slotRows.Length; slot++)
        {
            // A dead slot's row (MovedAway) is in no set.
            var row = slotRows[slot];
            if (!addedRows.Contains(row))
            {
                continue;
            }

            var added = bias.Added[row];
            if (!float.IsFinite(added))
            {
                return false;
            }

            bounds[slot] += added;
        }

        return true;
    }

    /// <summary>
    /// <paramref name="bias"/>'s added rows as a set: the caller's when it gives one, else filled from the list into a
    /// reused set; null when no row has an added part.
    /// </summary>
    private RowBitSet? AddedRowSet(SplitRowBias bias)
    {
        if (bias.AddedRows.IsEmpty)
        {
            return null;
        }

        if (bias.AddedRowSet is not null)
        {
            return bias.AddedRowSet;
        }

        _addedRows.Clear();
        foreach (var row in bias.AddedRows)
        {
            _addedRows.Add(row);
        }

        return _addedRows;
    }

    /// <summary>
    /// Each slot's bias for the kernel: the row's bias (0 without one), NaN for a dead slot, so its bound is NaN and
    /// the ranking never picks it. False when a live row's bias is not finite.
    /// </summary>
    private static bool GatherBias(ReadOnlySpan<int> slotRows, ReadOnlySpan<float> rowBias, Span<float> slotBias)
    {
        for (var slot = 0; slot < slotRows.Length; slot++)
        {
            var row = slotRows[slot];
            if (row == MovedAway)
            {
                slotBias[slot] = float.NaN;
                continue;
            }

            var bias = rowBias.IsEmpty ? 0f : rowBias[row];
            if (!float.IsFinite(bias))
            {
                return false;
            }

            slotBias[slot] = bias;
        }

        return true;
    }

    /// <summary>
    /// The rows of <paramref name="candidates"/> that the probed lists do not already hold, each once; valid until the
    /// next query. The list and the set that dedupes it are reused: a query's own hash set and array of up to 512 rows
    /// were garbage on every shard of every list.
    /// </summary>
    private ReadOnlySpan<int> RowsOutsideProbedLists(ReadOnlySpan<int> candidates, RowBitSet isProbed)
    {
        // The set holds exactly the rows listed last time (both are filled together below).
        _rowsOutsideSeen.Remove(CollectionsMarshal.AsSpan(_rowsOutside));
        _rowsOutside.Clear();
        if (candidates.IsEmpty)
        {
            return [];
        }

        _rowsOutsideSeen.EnsureLength(RowCount);
        foreach (var row in candidates)
        {
            if ((uint)row < (uint)RowCount && !isProbed.Contains(_rowLists[row]) && !_rowsOutsideSeen.Contains(row))
            {
                _rowsOutsideSeen.Add(row);
                _rowsOutside.Add(row);
            }
        }

        return CollectionsMarshal.AsSpan(_rowsOutside);
    }

    private bool HasNonFiniteRows()
    {
        foreach (var codes in _listCodes)
        {
            if (codes.NonFiniteRows > 0)
            {
                return true;
            }
        }

        return false;
    }

    private void AddToList(int row, int list, ReadOnlySpan<float> values)
    {
        _rowLists.Add((ushort)list);
        _rowSlots.Add(_listRows[list].Count);
        _listCodes[list].Add(values);
        _listRows[list].Add(row);
        _listBias[list].Add(0f);
    }

    private void RequireOneValuePerRow(ReadOnlySpan<float> bias)
    {
        if (!bias.IsEmpty && bias.Length < RowCount)
        {
            throw new ArgumentException($"Row bias has length {bias.Length}, expected at least {RowCount} (one per row).");
        }
    }

    private void RequireRowLength(ReadOnlySpan<float> values)
    {
        if (values.Length != Dimension)
        {
            throw new ArgumentException($"Vector has length {values.Length}, expected {Dimension}.", nameof(values));
        }
    }

    /// <summary>
    /// The rows of bounds laid out list after list, as the probe round writes them: a bound's row is looked up in its
    /// list only for the few hundred bounds the ranking asks about. Copying every probed slot's row id per query
    /// instead was a tenth of a million-item list's CPU time in a profile.
    /// </summary>
    private readonly ref struct ProbedListRows(List<int>[] listRows, ReadOnlySpan<ScoredIndex> lists, ReadOnlySpan<int> starts) : IBoundRowMap
    {
        private readonly ReadOnlySpan<ScoredIndex> _lists = lists;

        /// <summary>Where each probed list's bounds start, and after them the total.</summary>
        private readonly ReadOnlySpan<int> _starts = starts;

        public int RowAt(int at)
        {
            // The last list starting at or before the position: an empty list shares its start with the next one.
            var (low, high) = (0, _lists.Length - 1);
            while (low < high)
            {
                var middle = (low + high + 1) / 2;
                (low, high) = _starts[middle] <= at ? (middle, high) : (low, middle - 1);
            }

            return listRows[_lists[low].Index][at - _starts[low]];
        }
    }

    /// <summary>What one ranking asks for: K, the rows to skip, lists to probe and candidates per result.</summary>
    private readonly record struct ProbeRequest(int K, RowBitSet? Excluded, int Probes, int CandidateFactor);

    /// <summary>
    /// Where the bounds' bias comes from: gathered from the stored part of <see cref="RowBias"/> slot by slot (nothing
    /// is added then), or the bias <see cref="SetBias"/> stored, moved by the added part on the rows of
    /// <see cref="AddedRowSet"/>. Exact scores always add both parts.
    /// </summary>
    private readonly ref struct SlotBias(SplitRowBias rowBias, bool Stored, RowBitSet? AddedRowSet)
    {
        public SplitRowBias RowBias { get; } = rowBias;

        public bool Stored { get; } = Stored;

        public RowBitSet? AddedRowSet { get; } = AddedRowSet;
    }
}
