using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Seed.Core.Numerics;

namespace Seed.Core.Interest;

/// <summary>
/// One step of a single-layer LSTM with exactly the semantics and weight layout of PyTorch <c>nn.LSTM</c>
/// (gates stacked i, f, g, o; <c>weight_ih</c> [4H, In], <c>weight_hh</c> [4H, H], biases [4H]):
/// <code>
/// i = σ(W_ii x + b_ii + W_hi h + b_hi)    f = σ(W_if x + b_if + W_hf h + b_hf)
/// g = tanh(W_ig x + b_ig + W_hg h + b_hg) o = σ(W_io x + b_io + W_ho h + b_ho)
/// c' = f ⊙ c + i ⊙ g                       h' = o ⊙ tanh(c')
/// </code>
/// Immutable after construction and free of shared scratch space, so one instance serves all users concurrently.
/// </summary>
public sealed class LstmCell
{
    // Gate rows scored together by the SIMD kernel: each load of [x | h] feeds this many independent accumulators.
    private const int RowsPerGroup = 4;

    // [W_ih | W_hh] fused per gate row: one dot over [x | h] per row halves the call overhead of two dots.
    // Rows are stored with a stride padded with zeros to a whole number of 256-bit vectors, so the kernel never
    // needs a remainder loop (measured: a per-row TensorPrimitives.Dot over 205 floats was only 8.5x a scalar loop,
    // dominated by call overhead and tail handling, not by arithmetic).
    private readonly float[] _fusedWeights;
    private readonly float[] _fusedBias;
    private readonly int _fusedWidth;
    private readonly int _rowStride;

    /// <summary>Builds the cell from PyTorch-layout tensors; throws <see cref="ArgumentException"/> naming a mis-sized tensor.</summary>
    public LstmCell(int inputSize, int hiddenSize, float[] weightIh, float[] weightHh, float[] biasIh, float[] biasHh)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        ArgumentNullException.ThrowIfNull(weightIh);
        ArgumentNullException.ThrowIfNull(weightHh);
        ArgumentNullException.ThrowIfNull(biasIh);
        ArgumentNullException.ThrowIfNull(biasHh);

        int gateRows = checked(4 * hiddenSize);
        RequireLength(weightIh, checked(gateRows * inputSize), "weight_ih", $"[4H={gateRows}, In={inputSize}]", nameof(weightIh));
        RequireLength(weightHh, checked(gateRows * hiddenSize), "weight_hh", $"[4H={gateRows}, H={hiddenSize}]", nameof(weightHh));
        RequireLength(biasIh, gateRows, "bias_ih", $"[4H={gateRows}]", nameof(biasIh));
        RequireLength(biasHh, gateRows, "bias_hh", $"[4H={gateRows}]", nameof(biasHh));

        InputSize = inputSize;
        HiddenSize = hiddenSize;
        _fusedWidth = inputSize + hiddenSize;
        int vectorWidth = Vector256<float>.Count;
        _rowStride = checked((_fusedWidth + vectorWidth - 1) / vectorWidth * vectorWidth);
        _fusedWeights = new float[checked(gateRows * _rowStride)];
        for (int row = 0; row < gateRows; row++)
        {
            Span<float> fusedRow = _fusedWeights.AsSpan(row * _rowStride, _fusedWidth);
            weightIh.AsSpan(row * inputSize, inputSize).CopyTo(fusedRow);
            weightHh.AsSpan(row * hiddenSize, hiddenSize).CopyTo(fusedRow[inputSize..]);
        }

        _fusedBias = new float[gateRows];
        TensorPrimitives.Add(biasIh, biasHh, _fusedBias);
    }

    /// <summary>Length of the input vector x.</summary>
    public int InputSize { get; }

    /// <summary>Length of the hidden and cell state vectors (H).</summary>
    public int HiddenSize { get; }

    /// <summary>Advances the state by one input: reads x, h, c and overwrites <paramref name="hidden"/> and <paramref name="cell"/>.</summary>
    public void Step(ReadOnlySpan<float> input, Span<float> hidden, Span<float> cell)
    {
        if (input.Length != InputSize)
        {
            throw new ArgumentException($"Input has length {input.Length}, expected {InputSize}.", nameof(input));
        }

        if (hidden.Length != HiddenSize || cell.Length != HiddenSize)
        {
            throw new ArgumentException($"Hidden and cell state must have length {HiddenSize} (got {hidden.Length} and {cell.Length}).", nameof(hidden));
        }

        int scratchLength = (4 * HiddenSize) + _rowStride;
        using var scratch = new FloatScratch(scratchLength <= FloatScratch.MaxStackFloats ? stackalloc float[scratchLength] : [], scratchLength);
        StepCore(input, hidden, cell, scratch.Span);
    }

    private void StepCore(ReadOnlySpan<float> input, Span<float> hidden, Span<float> cell, Span<float> scratch)
    {
        int h = HiddenSize;
        Span<float> gates = scratch[..(4 * h)];
        Span<float> inputAndHidden = scratch.Slice(4 * h, _rowStride);
        input.CopyTo(inputAndHidden);
        hidden.CopyTo(inputAndHidden[InputSize..]);
        // The padding must be zero (scratch may be pooled or uninitialised): padded weights are zero too, but 0 × NaN is not.
        inputAndHidden[_fusedWidth..].Clear();

        ComputeGates(inputAndHidden, gates);

        Span<float> inputGate = gates[..h];
        Span<float> forgetGate = gates.Slice(h, h);
        Span<float> candidate = gates.Slice(2 * h, h);
        Span<float> outputGate = gates.Slice(3 * h, h);

        // i and f are adjacent: one vectorised sigmoid covers both.
        TensorPrimitives.Sigmoid(gates[..(2 * h)], gates[..(2 * h)]);
        TensorPrimitives.Tanh(candidate, candidate);
        TensorPrimitives.Sigmoid(outputGate, outputGate);

        // c' = f*c + i*g, computed as (i*g) + f*c without a temporary.
        TensorPrimitives.Multiply(inputGate, candidate, candidate);
        TensorPrimitives.MultiplyAdd(forgetGate, cell, candidate, cell);

        // h' = o * tanh(c'); the input-gate slot is free now and holds tanh(c').
        TensorPrimitives.Tanh(cell, inputGate);
        TensorPrimitives.Multiply(outputGate, inputGate, hidden);
    }

    /// <summary>gates = W · [x | h] + b, for all 4H rows.</summary>
    private void ComputeGates(ReadOnlySpan<float> inputAndHidden, Span<float> gates)
    {
        ReadOnlySpan<float> weights = _fusedWeights;
        if (!Vector256.IsHardwareAccelerated)
        {
            for (int row = 0; row < gates.Length; row++)
            {
                gates[row] = TensorPrimitives.Dot(weights.Slice(row * _rowStride, _rowStride), inputAndHidden) + _fusedBias[row];
            }

            return;
        }

        // 4H is always a multiple of RowsPerGroup. Four rows at a time: one load of [x | h] is shared by four
        // multiply-adds into independent accumulators, which also hides the latency of each accumulator's chain.
        // Unchecked loads: every index is below gateRows × _rowStride (weights) or _rowStride (the [x | h] scratch),
        // both guaranteed by construction, and bounds checks in this innermost loop cost more than the arithmetic.
        int width = Vector256<float>.Count;
        ref float weightsStart = ref MemoryMarshal.GetReference(weights);
        ref float valuesStart = ref MemoryMarshal.GetReference(inputAndHidden);
        for (int row = 0; row < gates.Length; row += RowsPerGroup)
        {
            nuint row0 = (nuint)(row * _rowStride);
            nuint row1 = row0 + (nuint)_rowStride;
            nuint row2 = row1 + (nuint)_rowStride;
            nuint row3 = row2 + (nuint)_rowStride;
            Vector256<float> sum0 = Vector256<float>.Zero;
            Vector256<float> sum1 = Vector256<float>.Zero;
            Vector256<float> sum2 = Vector256<float>.Zero;
            Vector256<float> sum3 = Vector256<float>.Zero;
            for (nuint offset = 0; offset < (nuint)_rowStride; offset += (nuint)width)
            {
                Vector256<float> values = Vector256.LoadUnsafe(ref valuesStart, offset);
                sum0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref weightsStart, row0 + offset), values, sum0);
                sum1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref weightsStart, row1 + offset), values, sum1);
                sum2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref weightsStart, row2 + offset), values, sum2);
                sum3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref weightsStart, row3 + offset), values, sum3);
            }

            gates[row] = Vector256.Sum(sum0) + _fusedBias[row];
            gates[row + 1] = Vector256.Sum(sum1) + _fusedBias[row + 1];
            gates[row + 2] = Vector256.Sum(sum2) + _fusedBias[row + 2];
            gates[row + 3] = Vector256.Sum(sum3) + _fusedBias[row + 3];
        }
    }

    private static void RequireLength(float[] tensor, int expected, string tensorName, string shape, string parameterName)
    {
        if (tensor.Length != expected)
        {
            throw new ArgumentException(
                $"LSTM tensor {tensorName} has {tensor.Length} values, expected {expected} ({shape}, PyTorch nn.LSTM layout).",
                parameterName);
        }
    }
}
