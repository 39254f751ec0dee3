namespace Seed.Core.Ranking;

/// <summary>
/// Growable, contiguous row-major matrix of item vectors. One flat array instead of a float[] per item keeps
/// scoring a sequential, cache- and SIMD-friendly scan and avoids millions of small objects on the heap.
/// Not thread-safe: the owner serialises writes (and must not read while growing).
/// </summary>
public sealed class EmbeddingMatrix
{
    private float[] _data;

    /// <summary>Creates an empty matrix with room for <paramref name="initialCapacity"/> rows.</summary>
    public EmbeddingMatrix(int dimension, int initialCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        Dimension = dimension;
        _data = new float[checked(dimension * Math.Max(1, initialCapacity))];
    }

    /// <summary>Length of each row.</summary>
    public int Dimension { get; }

    /// <summary>Number of rows in use.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes the row storage holds, spare capacity included (what the process pays, not just the rows in use).</summary>
    public long AllocatedBytes => (long)_data.Length * sizeof(float);

    /// <summary>All rows in use, back to back (Count × Dimension values).</summary>
    public ReadOnlySpan<float> Rows => _data.AsSpan(0, Count * Dimension);

    /// <summary>Appends a row and returns its index.</summary>
    public int Add(ReadOnlySpan<float> row)
    {
        RequireRowLength(row);
        EnsureCapacity(Count + 1);
        row.CopyTo(_data.AsSpan(Count * Dimension, Dimension));
        return Count++;
    }

    /// <summary>Overwrites an existing row.</summary>
    public void Set(int row, ReadOnlySpan<float> values)
    {
        RequireRowIndex(row);
        RequireRowLength(values);
        values.CopyTo(_data.AsSpan(row * Dimension, Dimension));
    }

    /// <summary>The values of one row.</summary>
    public ReadOnlySpan<float> Row(int row)
    {
        RequireRowIndex(row);
        return _data.AsSpan(row * Dimension, Dimension);
    }

    private void EnsureCapacity(int rows)
    {
        long needed = (long)rows * Dimension;
        if (needed <= _data.Length)
        {
            return;
        }

        int maxRows = Array.MaxLength / Dimension;
        if (rows > maxRows)
        {
            throw new InvalidOperationException($"Embedding matrix is full ({maxRows} rows of {Dimension} values).");
        }

        // Doubling keeps appends amortised O(1); clamp so the last growth step still fits in one array.
        long grownRows = Math.Min(Math.Max((long)_data.Length / Dimension * 2, rows), maxRows);
        Array.Resize(ref _data, (int)(grownRows * Dimension));
    }

    private void RequireRowIndex(int row)
    {
        if ((uint)row >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be in [0, {Count}).");
        }
    }

    private void RequireRowLength(ReadOnlySpan<float> row)
    {
        if (row.Length != Dimension)
        {
            throw new ArgumentException($"Row has length {row.Length}, expected {Dimension}.", nameof(row));
        }
    }
}
