using System.Numerics.Tensors;
using Seed.Core.Ranking;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Ranking;

public sealed class FourBitRowMatrixTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(40)]
    [InlineData(128)]
    [InlineData(200)]
    public void UpperBounds_are_never_below_the_float_dot_product_and_close_above_it(int dimension)
    {
        var random = new Random(dimension + 1000);
        var rows = CompactEncodings.MixedRows(random, dimension);

        var compact = FourBitRowMatrix.From(rows);
        // A query that is not unit either, with one large value: its own int8 rounding must be covered too.
        var query = TestVectors.UnitVector(random, dimension);
        TensorPrimitives.Multiply(query, 2.5f, query);
        query[dimension / 2] = 1.7f;
        var bounds = new float[compact.Count];

        foreach (var kernel in CompactScanKernels.Supported)
        {
            compact.ScoreUpperBounds(query, [], bounds, kernel);

            var unitRowMargins = new List<float>();
            var queryNorm = TensorPrimitives.Norm(query);
            for (var row = 0; row < rows.Count; row++)
            {
                var exact = TensorPrimitives.Dot(rows.Row(row), query);
                Assert.True(exact <= bounds[row] + 1e-5f, $"{kernel}, row {row}: exact {exact} above its bound {bounds[row]}");
                if (row % 10 != 0)
                {
                    unitRowMargins.Add((bounds[row] - exact) / queryNorm);
                }
            }

            // Useful, not vacuous: for unit rows the rounding left out is about 0.12 · ‖q‖ at 128-d, and the bound's
            // margin is at most about twice that.
            Assert.True(unitRowMargins.Max() < 0.35f, $"{kernel}: largest margin {unitRowMargins.Max()} · ‖q‖");
        }
    }

    [Fact]
    public void The_bound_is_tight_where_the_rows_are_exactly_representable()
    {
        // Rows whose values are whole multiples of their scale have no rounding at all; with a query on the int8 grid
        // the bound is the exact dot product (up to float rounding of the final sum).
        var compact = new FourBitRowMatrix(4, initialCapacity: 1);
        compact.Add([7f, -7f, 0f, 3f]);
        compact.Add([0f, 0f, 1.75f, -1f]);
        var bounds = new float[2];

        compact.ScoreUpperBounds([127f, 0f, -127f, 1f], [0.5f, -0.25f], bounds);

        Assert.Equal(889f + 3f + 0.5f, bounds[0], 1e-3f);
        Assert.Equal(-222.25f - 1f - 0.25f, bounds[1], 1e-3f);
        Assert.Equal(32, compact.Stride); // one packed block of 64 values, mostly padding
    }
}
