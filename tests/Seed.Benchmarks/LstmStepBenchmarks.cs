using BenchmarkDotNet.Attributes;
using Seed.Core.Interest;

namespace Seed.Benchmarks;

/// <summary>
/// One LSTM step as the user grain runs it per event: <see cref="LstmCell.Step"/> (fused [W_ih | W_hh] rows,
/// TensorPrimitives dots and activations) against a scalar triple loop with the same maths.
/// In = 141 is the 128-d item embedding plus the 13 event features the interest model feeds.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 8)]
public class LstmStepBenchmarks
{
    private const int InputSize = 128 + 13;

    private LstmCell _cell = null!;
    private NaiveLstmCell _naive = null!;
    private float[] _input = [];
    private float[] _hidden = [];
    private float[] _cellState = [];
    private float[] _naiveHidden = [];
    private float[] _naiveCellState = [];

    /// <summary>Hidden size H: 32 is the committed model (models/interest-lstm, hidden 32), 64 and 128 larger options.</summary>
    [Params(32, 64, 128)]
    public int HiddenSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Fixed seed: every process BenchmarkDotNet starts sees the same weights and input.
        var random = new Random(20_260_101);
        int gateRows = 4 * HiddenSize;
        // PyTorch's default init range, U(-1/sqrt(H), 1/sqrt(H)), keeps activations out of saturation like a real model.
        float scale = 1f / MathF.Sqrt(HiddenSize);
        float[] weightIh = RandomValues(random, gateRows * InputSize, scale);
        float[] weightHh = RandomValues(random, gateRows * HiddenSize, scale);
        float[] biasIh = RandomValues(random, gateRows, scale);
        float[] biasHh = RandomValues(random, gateRows, scale);

        _cell = new LstmCell(InputSize, HiddenSize, weightIh, weightHh, biasIh, biasHh);
        _naive = new NaiveLstmCell(InputSize, HiddenSize, weightIh, weightHh, biasIh, biasHh);
        _input = RandomValues(random, InputSize, 1f);
        _hidden = RandomValues(random, HiddenSize, 0.5f);
        _cellState = RandomValues(random, HiddenSize, 0.5f);
        _naiveHidden = (float[])_hidden.Clone();
        _naiveCellState = (float[])_cellState.Clone();

        // Guard against benchmarking two different computations: a few steps from the same state must agree.
        for (int step = 0; step < 3; step++)
        {
            _cell.Step(_input, _hidden, _cellState);
            _naive.Step(_input, _naiveHidden, _naiveCellState);
        }

        RequireClose(_hidden, _naiveHidden, "hidden");
        RequireClose(_cellState, _naiveCellState, "cell");
    }

    [Benchmark(Baseline = true, Description = "Naive scalar loops")]
    public void NaiveStep() => _naive.Step(_input, _naiveHidden, _naiveCellState);

    [Benchmark(Description = "LstmCell.Step")]
    public void LstmCellStep() => _cell.Step(_input, _hidden, _cellState);

    private static float[] RandomValues(Random random, int count, float scale)
    {
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = ((random.NextSingle() * 2f) - 1f) * scale;
        }

        return values;
    }

    private static void RequireClose(float[] actual, float[] expected, string name)
    {
        for (int i = 0; i < actual.Length; i++)
        {
            if (MathF.Abs(actual[i] - expected[i]) > 1e-4f)
            {
                throw new InvalidOperationException(
                    $"LstmCell and the naive step disagree on {name}[{i}]: {actual[i]} vs {expected[i]}.");
            }
        }
    }
}
