using Seed.Core.Numerics;

namespace Seed.Core.Tests.Numerics;

public sealed class WeightMatrixTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)] // fewer rows than a group; a padded row
    [InlineData(7, 17)] // a group and three single rows; two whole vectors and a padded one
    [InlineData(128, 128)] // the item tower: whole groups, no padding
    [InlineData(128, 173)] // the LSTM gates of the committed model: [x | h] columns
    public void MultiplyAdd_MatchesTheProductRowByRow(int rows, int columns)
    {
        var random = new Random(rows * 1000 + columns);
        var weights = TestVectors.Uniform(random, rows * columns);
        var bias = TestVectors.Uniform(random, rows);
        var input = TestVectors.Uniform(random, columns);
        var matrix = new WeightMatrix(rows, columns, weights);
        var padded = new float[matrix.RowStride];
        input.CopyTo(padded, 0);
        var output = new float[rows];

        matrix.MultiplyAdd(padded, bias, output);

        for (var row = 0; row < rows; row++)
        {
            double expected = bias[row];
            for (var column = 0; column < columns; column++)
            {
                expected += (double)weights[(row * columns) + column] * input[column];
            }

            Assert.Equal(expected, output[row], 1e-4);
        }
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(8, 8)]
    [InlineData(9, 16)]
    [InlineData(173, 176)]
    public void RowStride_IsTheColumnsInWholeVectors(int columns, int stride)
    {
        Assert.Equal(stride, new WeightMatrix(3, columns, new float[3 * columns]).RowStride);
    }

    [Fact]
    public void Constructor_RefusesWeightsOfAnotherShape()
    {
        var error = Assert.Throws<ArgumentException>(() => new WeightMatrix(4, 5, new float[19]));

        Assert.Equal("rowMajorWeights", error.ParamName);
    }

    [Fact]
    public void MultiplyAdd_RefusesAnInputThatIsNotPadded()
    {
        var matrix = new WeightMatrix(4, 5, new float[20]);

        var error = Assert.Throws<ArgumentException>(() => matrix.MultiplyAdd(new float[5], new float[4], new float[4]));

        Assert.Equal("paddedInput", error.ParamName);
    }

    [Fact]
    public void MultiplyAdd_RefusesAnOutputOfAnotherLength()
    {
        var matrix = new WeightMatrix(4, 5, new float[20]);

        var error = Assert.Throws<ArgumentException>(() => matrix.MultiplyAdd(new float[8], new float[4], new float[3]));

        Assert.Equal("output", error.ParamName);
    }
}
