using Seed.Core.Ranking;

namespace Seed.Grains.Catalog;

/// <summary>
/// An <see cref="InvertedFileIndex"/> built off the shard's turn: trained and filled on the thread pool from a copy of
/// the shard's rows, then brought up to date on the turn that swaps it in (rows appended since the copy are added,
/// rows replaced since are filed again). Training on the turn held a shard for seconds in the middle of a bulk import
/// and, on a busy machine, made the import's upsert calls time out. The copy costs the rows' floats once more until
/// the build ends (64 MB at 131,072 rows of 128). Not thread-safe: the shard calls it on its turn.
/// </summary>
internal sealed class ApproximateIndexBuild
{
    private readonly int _copiedRows;
    private readonly HashSet<int> _replacedRows = [];
    private readonly Task<InvertedFileIndex> _build;

    public ApproximateIndexBuild(EmbeddingMatrix rows, int rowsPerList, int bits)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var copy = new EmbeddingMatrix(rows.Dimension, rows.Count);
        for (var row = 0; row < rows.Count; row++)
        {
            copy.Add(rows.Row(row));
        }

        _copiedRows = rows.Count;
        _build = Task.Run(() => InvertedFileIndex.Build(copy, rowsPerList, bits));
    }

    public bool IsCompleted => _build.IsCompleted;

    /// <summary>A row the copy holds was replaced: the built index files it again.</summary>
    public void RowReplaced(int row)
    {
        if (row < _copiedRows)
        {
            _replacedRows.Add(row);
        }
    }

    /// <summary>The built index (waiting for it if need be) with every change to <paramref name="rows"/> since the copy.</summary>
    public InvertedFileIndex Complete(EmbeddingMatrix rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var index = _build.GetAwaiter().GetResult();
        foreach (var row in _replacedRows)
        {
            index.Set(row, rows.Row(row));
        }

        for (var row = _copiedRows; row < rows.Count; row++)
        {
            index.Add(rows.Row(row));
        }

        return index;
    }
}
