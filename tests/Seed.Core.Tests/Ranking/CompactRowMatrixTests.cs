using System.Numerics.Tensors;
using Seed.Core.Ranking;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Ranking;

/// <summary>What every compact encoding must do alike; each encoding's own bound is tested in its own class.</summary>
public sealed class CompactRowMatrixTests
{
    /// <summary>
    /// Row counts off every kernel's step (4, 16) and dimensions that give the 4-bit AVX-512 kernel one register per
    /// row (96, 128), a lone 32-byte block (40), two registers (200) and a register plus a lone block (136).
    /// </summary>
    [Theory]
    [InlineData(8, 96, 1001)]
    [InlineData(4, 96, 1001)]
    [InlineData(4, 128, 47)]
    [InlineData(4, 40, 33)]
    [InlineData(4, 200, 250)]
    [InlineData(4, 136, 15)]
    [InlineData(8, 200, 37)]
    public void Every_kernel_gives_the_portable_kernels_floats_bit_for_bit(int bits, int dimension, int rowCount)
    {
        var random = new Random(dimension + rowCount);
        var rows = new EmbeddingMatrix(dimension);
        for (var i = 0; i < rowCount; i++)
        {
            rows.Add(TestVectors.UnitVector(random, dimension));
        }

        var compact = CompactEncodings.From(rows, bits);
        var query = TestVectors.UnitVector(random, dimension);
        var bias = TestVectors.Uniform(random, compact.Count, 0.3f);
        var portable = new float[compact.Count];
        var unbiased = new float[compact.Count];
        compact.ScoreUpperBounds(query, bias, portable, CompactScanKernel.Portable);
        compact.ScoreUpperBounds(query, [], unbiased, CompactScanKernel.Portable);
        for (var row = 0; row < compact.Count; row++)
        {
            Assert.Equal(unbiased[row] + bias[row], portable[row], 1e-5f);
        }

        Assert.Contains(CompactScanKernels.Best, CompactScanKernels.Supported);
        foreach (var kernel in CompactScanKernels.Supported)
        {
            var bounds = new float[compact.Count];
            compact.ScoreUpperBounds(query, bias, bounds, kernel);
            Assert.Equal(portable, bounds);
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void Set_replaces_a_row_and_flags_non_finite_ones(int bits)
    {
        var compact = CompactEncodings.Empty(4, bits);
        compact.Add([1f, 0f, 0f, 0f]);
        compact.Add([0f, 1f, 0f, 0f]);
        var scores = new float[2];

        compact.Set(0, [0f, 0f, 1f, 0f]);
        compact.ScoreUpperBounds([0f, 0f, 1f, 0f], [], scores);
        Assert.Equal(1f, scores[0], 0.02f);
        Assert.Equal(0f, scores[1], 0.02f);

        compact.Set(1, [float.NaN, 0f, 0f, 0f]);
        Assert.Equal(1, compact.NonFiniteRows);
        compact.Set(1, [0f, 0f, 0f, 1f]);
        Assert.Equal(0, compact.NonFiniteRows);
        Assert.Throws<ArgumentOutOfRangeException>(() => compact.Set(2, [0f, 0f, 0f, 1f]));
        Assert.Throws<ArgumentException>(() => compact.Add([1f, 2f]));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void Rows_grow_past_the_initial_capacity_and_keep_their_bounds(int bits)
    {
        var random = new Random(bits);
        var compact = CompactEncodings.Empty(16, bits);
        var rows = Enumerable.Range(0, 300).Select(_ => TestVectors.UnitVector(random, 16)).ToArray();
        foreach (var row in rows)
        {
            compact.Add(row);
        }

        var query = TestVectors.UnitVector(random, 16);
        var bounds = new float[compact.Count];
        compact.ScoreUpperBounds(query, [], bounds);

        Assert.Equal(300, compact.Count);
        for (var row = 0; row < rows.Length; row++)
        {
            Assert.True(TensorPrimitives.Dot(rows[row], query) <= bounds[row] + 1e-5f, $"row {row}");
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void Bad_arguments_name_what_is_wrong(int bits)
    {
        var compact = CompactEncodings.Empty(4, bits);
        compact.Add([1f, 0f, 0f, 0f]);
        compact.Add([0f, 1f, 0f, 0f]);

        Assert.Equal("query", Assert.Throws<ArgumentException>(() => compact.ScoreUpperBounds([1f, 0f], [], new float[2])).ParamName);
        Assert.Equal("bounds", Assert.Throws<ArgumentException>(() => compact.ScoreUpperBounds([1f, 0f, 0f, 0f], [], new float[1])).ParamName);
        Assert.Equal("rowBias", Assert.Throws<ArgumentException>(() => compact.ScoreUpperBounds([1f, 0f, 0f, 0f], [0f], new float[2])).ParamName);
        Assert.Equal("query", Assert.Throws<ArgumentException>(() => compact.ScoreUpperBounds([float.NaN, 0f, 0f, 0f], [], new float[2])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => CompactEncodings.Empty(65_537, bits));
    }
}
