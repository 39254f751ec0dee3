namespace Seed.Core.Ranking;

/// <summary>
/// A query's per-row bias held in two parts: <see cref="Stored"/>, the part every row carries whatever the query
/// (the popularity prior, which <see cref="InvertedFileIndex.SetBias"/> keeps beside each row's codes; empty for 0),
/// and <see cref="Added"/>, the query's own part (a user's co-like term), 0 except on <see cref="AddedRows"/>. A
/// row's bias is Stored[row] + Added[row], added in that order.
/// </summary>
/// <param name="stored">One value per row, or empty for 0 everywhere.</param>
/// <param name="added">One value per row, 0 outside <paramref name="addedRows"/>; empty when no row has one.</param>
/// <param name="addedRows">The rows whose added part may be non-zero, each once.</param>
/// <param name="addedRowSet">The same rows as a set, when the caller keeps one; null otherwise.</param>
public readonly ref struct SplitRowBias(ReadOnlySpan<float> stored, ReadOnlySpan<float> added, ReadOnlySpan<int> addedRows, RowBitSet? addedRowSet = null)
{
    public ReadOnlySpan<float> Stored { get; } = stored;

    public ReadOnlySpan<float> Added { get; } = added;

    public ReadOnlySpan<int> AddedRows { get; } = addedRows;

    /// <summary>
    /// <see cref="AddedRows"/> as a set (null when the caller keeps none): a scan that meets a few thousand rows can
    /// test each of them, where visiting every added row to find those it meets reads a per-row array for each.
    /// </summary>
    public RowBitSet? AddedRowSet { get; } = addedRowSet;

    /// <summary>True when neither part is given: every row's bias is 0.</summary>
    public bool IsEmpty => Stored.IsEmpty && Added.IsEmpty;

    /// <summary>
    /// The bias of <paramref name="row"/>: Stored[row] + Added[row], a part not given counting 0, and the stored value
    /// itself, not a sum, when nothing is added (so a one-array bias keeps its float).
    /// </summary>
    public float At(int row)
    {
        var stored = Stored.IsEmpty ? 0f : Stored[row];
        return Added.IsEmpty ? stored : stored + Added[row];
    }

    /// <summary>
    /// The whole bias as one array of <paramref name="rowCount"/> values (<see cref="Stored"/> itself when nothing is
    /// added): for the float scans that take one array, on the rare paths (non-finite values) that fall back to them.
    /// </summary>
    public ReadOnlySpan<float> Combined(int rowCount)
    {
        if (AddedRows.IsEmpty)
        {
            return Stored;
        }

        var combined = new float[rowCount];
        Stored[..Math.Min(rowCount, Stored.Length)].CopyTo(combined);
        foreach (var row in AddedRows)
        {
            combined[row] = At(row);
        }

        return combined;
    }
}
