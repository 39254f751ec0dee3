using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Seed.Core.Numerics;

/// <summary>
/// A dense row-major weight matrix W [rows, columns] and its product with a vector, y = W x + b: the per-event matrix
/// maths of the LSTM gates and the item tower. Each row is stored padded with zeros to whole 256-bit vectors.
/// Immutable once built; one instance serves all callers concurrently.
/// </summary>
/// <remarks>
/// Hand-written because TensorPrimitives has no matrix-vector product, and one
/// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per row is dominated by its call
/// overhead and tail handling at these sizes (128 to 176 columns): the item tower's 128 × 128 projection took 1.6 μs
/// that way on the benchmark machine and 0.75 μs here, about what streaming its 64 KB of weights from L2 takes. Each
/// load of x feeds four rows' independent accumulators, which also hides the latency of each accumulator's chain, and
/// the padding removes the remainder loop. (Column-major order with eight rows per multiply-add and no horizontal sums
/// measured the same: the weights' bytes, not the arithmetic, set the pace.)
/// </remarks>
internal sealed class WeightMatrix
{
    /// <summary>Rows scored together: each load of x feeds this many independent accumulators.</summary>
    private const int RowsPerGroup = 4;

    private readonly float[] _values;

    /// <summary>Builds the matrix from row-major weights, <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    public WeightMatrix(int rows, int columns, ReadOnlySpan<float> rowMajorWeights)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (rowMajorWeights.Length != checked(rows * columns))
        {
            throw new ArgumentException($"Expected {rows} × {columns} = {rows * columns} weights, got {rowMajorWeights.Length}.", nameof(rowMajorWeights));
        }

        Rows = rows;
        Columns = columns;
        var width = Vector256<float>.Count;
        RowStride = checked((columns + width - 1) / width * width);
        _values = new float[checked(rows * RowStride)];
        for (var row = 0; row < rows; row++)
        {
            rowMajorWeights.Slice(row * columns, columns).CopyTo(_values.AsSpan(row * RowStride, columns));
        }
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Floats per stored row, and the length of the input <see cref="MultiplyAdd"/> takes: <see cref="Columns"/> rounded up to whole 256-bit vectors.</summary>
    public int RowStride { get; }

    /// <summary>
    /// <paramref name="output"/> = W · x + <paramref name="bias"/>, where x is <paramref name="paddedInput"/>'s first
    /// <see cref="Columns"/> floats; the rest of it, up to <see cref="RowStride"/>, must be zero (the padded weights
    /// are zero too, but 0 × NaN is not). <paramref name="output"/> must not overlap the input.
    /// </summary>
    public void MultiplyAdd(ReadOnlySpan<float> paddedInput, ReadOnlySpan<float> bias, Span<float> output)
    {
        if (paddedInput.Length != RowStride)
        {
            throw new ArgumentException($"Input has length {paddedInput.Length}, expected the padded row length {RowStride}.", nameof(paddedInput));
        }

        if (bias.Length != Rows || output.Length != Rows)
        {
            throw new ArgumentException($"Bias and output must have length {Rows} (got {bias.Length} and {output.Length}).", nameof(output));
        }

        ReadOnlySpan<float> weights = _values;
        var grouped = Vector256.IsHardwareAccelerated ? Rows / RowsPerGroup * RowsPerGroup : 0;
        if (grouped > 0)
        {
            MultiplyAddGroups(weights, paddedInput, bias, output, grouped);
        }

        for (var row = grouped; row < Rows; row++)
        {
            output[row] = TensorPrimitives.Dot(weights.Slice(row * RowStride, RowStride), paddedInput) + bias[row];
        }
    }

    /// <summary>The first <paramref name="rows"/> rows (a multiple of <see cref="RowsPerGroup"/>), four at a time.</summary>
    private void MultiplyAddGroups(ReadOnlySpan<float> weights, ReadOnlySpan<float> input, ReadOnlySpan<float> bias, Span<float> output, int rows)
    {
        // Unchecked loads: every index is below Rows × RowStride (weights) or RowStride (input, checked by the caller),
        // and bounds checks in this innermost loop cost more than the arithmetic.
        var width = (nuint)Vector256<float>.Count;
        var stride = (nuint)RowStride;
        ref var weightsStart = ref MemoryMarshal.GetReference(weights);
        ref var inputStart = ref MemoryMarshal.GetReference(input);
        for (var row = 0; row < rows; row += RowsPerGroup)
        {
            var row0 = (nuint)row * stride;
            var row1 = row0 + stride;
            var row2 = row1 + stride;
            var row3 = row2 + stride;
            var sum0 = Vector256<float>.Zero;
            var sum1 = Vector256<float>.Zero;
            var sum2 = Vector256<float>.Zero;
            var sum3 = Vector256<float>.Zero;
            for (nuint offset = 0; offset < stride; offset += width)
            {
                var values = Vector256.LoadUnsafe(ref inputStart, offset);
                sum0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref weightsStart, row0 + offset), values, sum0);
                sum1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref weightsStart, row1 + offset), values, sum1);
                sum2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref weightsStart, row2 + offset), values, sum2);
                sum3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref weightsStart, row3 + offset), values, sum3);
            }

            output[row] = Vector256.Sum(sum0) + bias[row];
            output[row + 1] = Vector256.Sum(sum1) + bias[row + 1];
            output[row + 2] = Vector256.Sum(sum2) + bias[row + 2];
            output[row + 3] = Vector256.Sum(sum3) + bias[row + 3];
        }
    }
}
