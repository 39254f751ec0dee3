using System.Numerics.Tensors;
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
    // [W_ih | W_hh] fused per gate row: one product with [x | h] per step instead of two.
    private readonly WeightMatrix _fusedWeights;
    private readonly float[] _fusedBias;

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
        int fusedWidth = inputSize + hiddenSize;
        var fused = new float[checked(gateRows * fusedWidth)];
        for (int row = 0; row < gateRows; row++)
        {
            Span<float> fusedRow = fused.AsSpan(row * fusedWidth, fusedWidth);
            weightIh.AsSpan(row * inputSize, inputSize).CopyTo(fusedRow);
            weightHh.AsSpan(row * hiddenSize, hiddenSize).CopyTo(fusedRow[inputSize..]);
        }

        _fusedWeights = new WeightMatrix(gateRows, fusedWidth, fused);

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

        int scratchLength = (4 * HiddenSize) + _fusedWeights.RowStride;
        using var scratch = new FloatScratch(scratchLength <= FloatScratch.MaxStackFloats ? stackalloc float[scratchLength] : [], scratchLength);
        StepCore(input, hidden, cell, scratch.Span);
    }

    private void StepCore(ReadOnlySpan<float> input, Span<float> hidden, Span<float> cell, Span<float> scratch)
    {
        int h = HiddenSize;
        Span<float> gates = scratch[..(4 * h)];
        Span<float> inputAndHidden = scratch.Slice(4 * h, _fusedWeights.RowStride);
        input.CopyTo(inputAndHidden);
        hidden.CopyTo(inputAndHidden[InputSize..]);
        // The padding must be zero (scratch may be pooled or uninitialised): see WeightMatrix.MultiplyAdd.
        inputAndHidden[_fusedWeights.Columns..].Clear();

        _fusedWeights.MultiplyAdd(inputAndHidden, _fusedBias, gates);

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
