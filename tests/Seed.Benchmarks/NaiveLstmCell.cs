namespace Seed.Benchmarks;

/// <summary>
/// The textbook LSTM step, written as plain scalar loops (gate, unit, input) over the unfused PyTorch tensors.
/// It is the baseline <see cref="LstmStepBenchmarks"/> compares <c>Seed.Core.Interest.LstmCell</c> against,
/// so it deliberately uses no SIMD, no fused weights and no TensorPrimitives; scratch is preallocated so that
/// the comparison measures arithmetic, not allocation.
/// </summary>
internal sealed class NaiveLstmCell
{
    private const int GateCount = 4;

    private readonly int _inputSize;
    private readonly int _hiddenSize;
    private readonly float[] _weightIh;
    private readonly float[] _weightHh;
    private readonly float[] _biasIh;
    private readonly float[] _biasHh;
    private readonly float[] _gates;

    public NaiveLstmCell(int inputSize, int hiddenSize, float[] weightIh, float[] weightHh, float[] biasIh, float[] biasHh)
    {
        _inputSize = inputSize;
        _hiddenSize = hiddenSize;
        _weightIh = weightIh;
        _weightHh = weightHh;
        _biasIh = biasIh;
        _biasHh = biasHh;
        _gates = new float[GateCount * hiddenSize];
    }

    /// <summary>Same contract as <c>LstmCell.Step</c>: reads x, h, c and overwrites h and c.</summary>
    public void Step(float[] input, float[] hidden, float[] cell)
    {
        int h = _hiddenSize;
        // PyTorch stacks the gate rows as i, f, g, o; row = gate * H + unit.
        for (int gate = 0; gate < GateCount; gate++)
        {
            for (int unit = 0; unit < h; unit++)
            {
                int row = (gate * h) + unit;
                float sum = _biasIh[row] + _biasHh[row];
                for (int k = 0; k < _inputSize; k++)
                {
                    sum += _weightIh[(row * _inputSize) + k] * input[k];
                }

                for (int k = 0; k < h; k++)
                {
                    sum += _weightHh[(row * h) + k] * hidden[k];
                }

                _gates[row] = sum;
            }
        }

        // All gates read the old h, so h and c are only overwritten once every gate is known.
        for (int unit = 0; unit < h; unit++)
        {
            float inputGate = Sigmoid(_gates[unit]);
            float forgetGate = Sigmoid(_gates[h + unit]);
            float candidate = MathF.Tanh(_gates[(2 * h) + unit]);
            float outputGate = Sigmoid(_gates[(3 * h) + unit]);
            float newCell = (forgetGate * cell[unit]) + (inputGate * candidate);
            cell[unit] = newCell;
            hidden[unit] = outputGate * MathF.Tanh(newCell);
        }
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
