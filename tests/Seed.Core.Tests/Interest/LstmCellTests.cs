using Seed.Core.Interest;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Interest;

public sealed class LstmCellTests
{
    [Theory]
    [InlineData(140, 64, 1)]
    [InlineData(7, 5, 2)]
    [InlineData(1, 1, 3)]
    [InlineData(141, 33, 4)]
    public void Step_MatchesDoublePrecisionReferenceOver20Steps(int inputSize, int hiddenSize, int seed)
    {
        var random = new Random(seed);
        float[] weightIh = TestVectors.Uniform(random, 4 * hiddenSize * inputSize, 0.4f);
        float[] weightHh = TestVectors.Uniform(random, 4 * hiddenSize * hiddenSize, 0.4f);
        float[] biasIh = TestVectors.Uniform(random, 4 * hiddenSize, 0.5f);
        float[] biasHh = TestVectors.Uniform(random, 4 * hiddenSize, 0.5f);
        var cellUnderTest = new LstmCell(inputSize, hiddenSize, weightIh, weightHh, biasIh, biasHh);
        var hidden = new float[hiddenSize];
        var cell = new float[hiddenSize];
        var referenceHidden = new double[hiddenSize];
        var referenceCell = new double[hiddenSize];

        for (int step = 0; step < 20; step++)
        {
            float[] input = TestVectors.Uniform(random, inputSize);
            cellUnderTest.Step(input, hidden, cell);
            ReferenceLstm.Step(inputSize, hiddenSize, weightIh, weightHh, biasIh, biasHh, input, referenceHidden, referenceCell);

            Assert.True(TestVectors.MaxAbsDifference(hidden, referenceHidden) <= 1e-5f, $"h differs at step {step}");
            Assert.True(TestVectors.MaxAbsDifference(cell, referenceCell) <= 1e-5f, $"c differs at step {step}");
        }

        Assert.Contains(cell, value => Math.Abs(value) > 0.05f);
    }

    [Fact]
    public void Step_LargeHiddenSizeUsesPooledScratchAndStillMatches()
    {
        const int inputSize = 20;
        const int hiddenSize = 600;
        var random = new Random(5);
        float[] weightIh = TestVectors.Uniform(random, 4 * hiddenSize * inputSize, 0.1f);
        float[] weightHh = TestVectors.Uniform(random, 4 * hiddenSize * hiddenSize, 0.05f);
        float[] biasIh = TestVectors.Uniform(random, 4 * hiddenSize, 0.1f);
        float[] biasHh = TestVectors.Uniform(random, 4 * hiddenSize, 0.1f);
        var lstm = new LstmCell(inputSize, hiddenSize, weightIh, weightHh, biasIh, biasHh);
        var hidden = new float[hiddenSize];
        var cell = new float[hiddenSize];
        var referenceHidden = new double[hiddenSize];
        var referenceCell = new double[hiddenSize];

        for (int step = 0; step < 3; step++)
        {
            float[] input = TestVectors.Uniform(random, inputSize);
            lstm.Step(input, hidden, cell);
            ReferenceLstm.Step(inputSize, hiddenSize, weightIh, weightHh, biasIh, biasHh, input, referenceHidden, referenceCell);
        }

        Assert.True(TestVectors.MaxAbsDifference(hidden, referenceHidden) <= 1e-5f);
        Assert.True(TestVectors.MaxAbsDifference(cell, referenceCell) <= 1e-5f);
    }

    [Fact]
    public void Step_IsSafeToCallConcurrently()
    {
        var random = new Random(9);
        const int inputSize = 30;
        const int hiddenSize = 16;
        var lstm = new LstmCell(
            inputSize,
            hiddenSize,
            TestVectors.Uniform(random, 4 * hiddenSize * inputSize, 0.3f),
            TestVectors.Uniform(random, 4 * hiddenSize * hiddenSize, 0.3f),
            TestVectors.Uniform(random, 4 * hiddenSize),
            TestVectors.Uniform(random, 4 * hiddenSize));
        float[][] inputs = [.. Enumerable.Range(0, 50).Select(_ => TestVectors.Uniform(random, inputSize))];

        float[] RunSequence()
        {
            var hidden = new float[hiddenSize];
            var cell = new float[hiddenSize];
            foreach (float[] input in inputs)
            {
                lstm.Step(input, hidden, cell);
            }

            return hidden;
        }

        float[] expected = RunSequence();
        float[][] results = new float[8][];
        Parallel.For(0, results.Length, i => results[i] = RunSequence());

        Assert.All(results, result => Assert.Equal(expected, result));
    }

    [Fact]
    public void Constructor_RejectsWrongTensorSizesNamingTheTensor()
    {
        var exception = Assert.Throws<ArgumentException>(() => new LstmCell(3, 2, new float[24], new float[15], new float[8], new float[8]));
        Assert.Contains("weight_hh", exception.Message, StringComparison.Ordinal);

        exception = Assert.Throws<ArgumentException>(() => new LstmCell(3, 2, new float[24], new float[16], new float[8], new float[7]));
        Assert.Contains("bias_hh", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_RejectsWrongInputLength()
    {
        var lstm = new LstmCell(3, 2, new float[24], new float[16], new float[8], new float[8]);

        Assert.Throws<ArgumentException>(() => lstm.Step(new float[4], new float[2], new float[2]));
        Assert.Throws<ArgumentException>(() => lstm.Step(new float[3], new float[2], new float[3]));
    }
}
