using System.Numerics.Tensors;
using System.Runtime.Intrinsics.X86;
using Seed.Core.Ranking;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Ranking;

public sealed class QuantizedRowMatrixTests
{
    [Theory]
    [InlineData(8, false)]
    [InlineData(40, false)]
    [InlineData(128, false)]
    [InlineData(128, true)]
    [InlineData(200, true)]
    public void UpperBounds_are_never_below_the_float_dot_product_and_close_above_it(int dimension, bool vnni)
    {
        if (vnni && !AvxVnni.IsSupported)
        {
            return; // the portable cases cover this machine
        }

        var random = new Random(dimension);
        var rows = new EmbeddingMatrix(dimension);
        for (var i = 0; i < 1003; i++)
        {
            // Unit rows and a few with other norms and one large component: the bound must not assume unit vectors.
            var row = TestVectors.UnitVector(random, dimension);
            if (i % 10 == 0)
            {
                TensorPrimitives.Multiply(row, 3.5f, row);
                row[i % dimension] = -4f;
            }

            rows.Add(row);
        }

        var compact = QuantizedRowMatrix.From(rows);
        var query = TestVectors.UnitVector(random, dimension);
        var bounds = new float[compact.Count];

        compact.ScoreUpperBounds(query, [], bounds, vnni);

        var unitRowMargins = new List<float>();
        for (var row = 0; row < rows.Count; row++)
        {
            var exact = TensorPrimitives.Dot(rows.Row(row), query);
            Assert.True(exact <= bounds[row] + 1e-5f, $"row {row}: exact {exact} above its bound {bounds[row]}");
            if (row % 10 != 0)
            {
                unitRowMargins.Add(bounds[row] - exact);
            }
        }

        // Useful, not vacuous: for unit vectors the bound sits a few hundredths above the score at most.
        Assert.True(unitRowMargins.Max() < 0.05f, $"largest margin {unitRowMargins.Max()}");
    }

    [Fact]
    public void The_vnni_and_portable_kernels_agree_bit_for_bit()
    {
        if (!AvxVnni.IsSupported)
        {
            return;
        }

        var random = new Random(2);
        var rows = new EmbeddingMatrix(96);
        for (var i = 0; i < 1001; i++)
        {
            rows.Add(TestVectors.UnitVector(random, 96));
        }

        var compact = QuantizedRowMatrix.From(rows);
        var query = TestVectors.UnitVector(random, 96);
        var bias = TestVectors.Uniform(random, compact.Count, 0.3f);
        var vnni = new float[compact.Count];
        var portable = new float[compact.Count];
        var unbiased = new float[compact.Count];

        compact.ScoreUpperBounds(query, bias, vnni, useVnni: true);
        compact.ScoreUpperBounds(query, bias, portable, useVnni: false);
        compact.ScoreUpperBounds(query, [], unbiased, useVnni: true);

        Assert.Equal(portable, vnni);
        for (var row = 0; row < compact.Count; row++)
        {
            Assert.Equal(unbiased[row] + bias[row], vnni[row], 1e-5f);
        }
    }

    [Fact]
    public void Set_replaces_a_row_and_flags_non_finite_ones()
    {
        var compact = new QuantizedRowMatrix(4, initialCapacity: 1);
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
}
