using System.Numerics.Tensors;

namespace Seed.Core.Ranking;

/// <summary>
/// A compact copy of a float row matrix that bounds every row's dot product with a query from above, reading fewer
/// bytes than the float rows. <see cref="CompactTopKSelector"/> turns any such bound into the exact float ranking, so
/// the encodings (<see cref="QuantizedRowMatrix"/>, int8; <see cref="FourBitRowMatrix"/>, 4-bit) trade bytes per row
/// against how tight the bound is, that is how many rows get re-scored in float. This base keeps what they share: row
/// bookkeeping, argument checks and the non-finite count; each encoding stores rows and scores them its own way.
/// Not thread-safe: the owner serialises writes.
/// </summary>
public abstract class CompactRowMatrix
{
    /// <summary>Both encodings' integer dot products provably fit an int32 up to this length.</summary>
    private const int MaxDimension = 65_536;

    /// <summary>Zeros the kernels read as the bias when there is none, so they need no second variant.</summary>
    private float[] _zeroBias = [];

    /// <summary>Validates the dimension; the derived class allocates its storage.</summary>
    private protected CompactRowMatrix(int dimension, int initialCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimension, MaxDimension);
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        Dimension = dimension;
    }

    /// <summary>Length of each row (before padding).</summary>
    public int Dimension { get; }

    /// <summary>Number of rows in use.</summary>
    public int Count { get; private set; }

    /// <summary>Rows holding NaN or infinity: no bound holds for them, so callers fall back to the float scan.</summary>
    public int NonFiniteRows { get; private set; }

    /// <summary>Bytes the encoded rows and their per-row terms hold, spare capacity included.</summary>
    public long AllocatedBytes => StorageBytes + (long)_zeroBias.Length * sizeof(float);

    /// <summary>Bytes of the encoding's own arrays (codes and per-row terms), spare capacity included.</summary>
    private protected abstract long StorageBytes { get; }

    /// <summary>Rows the storage has room for.</summary>
    private protected abstract int Capacity { get; }

    /// <summary>Appends a row and returns its index.</summary>
    public int Add(ReadOnlySpan<float> row)
    {
        RequireRowLength(row);
        if (Count + 1 > Capacity)
        {
            Grow(Math.Max(Count + 1, Capacity * 2));
        }

        StoreCounted(Count, row);
        return Count++;
    }

    /// <summary>Overwrites an existing row.</summary>
    public void Set(int row, ReadOnlySpan<float> values)
    {
        if ((uint)row >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be in [0, {Count}).");
        }

        RequireRowLength(values);
        if (IsNonFinite(row))
        {
            NonFiniteRows--;
        }

        StoreCounted(row, values);
    }

    /// <summary>
    /// Writes for every row an upper bound of rows[row] · <paramref name="query"/> + <paramref name="rowBias"/>[row]
    /// (empty: no bias) into <paramref name="bounds"/> (length at least <see cref="Count"/>), exact in real
    /// arithmetic; callers add a small slack for float rounding. The bias is added in the kernel's last step for each
    /// row, so the scan makes one pass over memory.
    /// </summary>
    public void ScoreUpperBounds(ReadOnlySpan<float> query, ReadOnlySpan<float> rowBias, Span<float> bounds) =>
        ScoreUpperBounds(query, rowBias, bounds, CompactScanKernels.Best);

    /// <summary>Same, choosing the kernel: tests and benchmarks run every kernel the machine has.</summary>
    internal void ScoreUpperBounds(ReadOnlySpan<float> query, ReadOnlySpan<float> rowBias, Span<float> bounds, CompactScanKernel kernel)
    {
        if (!CompactScanKernels.IsSupported(kernel))
        {
            throw new PlatformNotSupportedException($"This CPU cannot run the {kernel} kernel.");
        }

        if (query.Length != Dimension)
        {
            throw new ArgumentException($"Query has length {query.Length}, expected {Dimension}.", nameof(query));
        }

        if (bounds.Length < Count)
        {
            throw new ArgumentException($"Bounds has length {bounds.Length}, expected at least {Count}.", nameof(bounds));
        }

        if (!rowBias.IsEmpty && rowBias.Length < Count)
        {
            throw new ArgumentException($"Row bias has length {rowBias.Length}, expected at least {Count} (one per row).", nameof(rowBias));
        }

        var magnitude = MathF.Abs(TensorPrimitives.MaxMagnitude(query)); // MaxMagnitude returns the signed element
        if (!float.IsFinite(magnitude))
        {
            throw new ArgumentException("The query holds NaN or infinity.", nameof(query));
        }

        if (rowBias.IsEmpty)
        {
            if (_zeroBias.Length < Count)
            {
                _zeroBias = new float[Capacity];
            }

            rowBias = _zeroBias;
        }

        ScoreRows(query, magnitude, rowBias, bounds, kernel);
    }

    /// <summary>Fills <see cref="Capacity"/>-sized storage with <paramref name="rows"/>' rows.</summary>
    private protected void AddAll(EmbeddingMatrix rows)
    {
        for (var row = 0; row < rows.Count; row++)
        {
            Add(rows.Row(row));
        }
    }

    /// <summary>Resizes every per-row array to <paramref name="capacity"/> rows, keeping the rows stored.</summary>
    private protected abstract void Grow(int capacity);

    /// <summary>Encodes <paramref name="values"/> into <paramref name="row"/>; false when they hold NaN or infinity (stored flagged, scored as zeros).</summary>
    private protected abstract bool Store(int row, ReadOnlySpan<float> values);

    /// <summary>Whether <paramref name="row"/> was stored flagged by <see cref="Store"/>.</summary>
    private protected abstract bool IsNonFinite(int row);

    /// <summary>
    /// The encoding's kernel, after the checks: <paramref name="queryMagnitude"/> is the query's largest |value|
    /// (finite) and <paramref name="bias"/> holds at least <see cref="Count"/> values.
    /// </summary>
    private protected abstract void ScoreRows(ReadOnlySpan<float> query, float queryMagnitude, ReadOnlySpan<float> bias, Span<float> bounds, CompactScanKernel kernel);

    private void StoreCounted(int row, ReadOnlySpan<float> values)
    {
        if (!Store(row, values))
        {
            NonFiniteRows++;
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
