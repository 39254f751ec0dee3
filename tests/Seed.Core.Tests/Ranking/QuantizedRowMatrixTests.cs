using System.Numerics.Tensors;
using Seed.Core.Ranking;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Ranking;

public sealed class QuantizedRowMatrixTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(40)]
    [InlineData(128)]
    [InlineData(200)]
    public void UpperBounds_are_never_below_the_float_dot_product_and_close_above_it(int dimension)
    {
        var random = new Random(dimension);
        var rows = CompactEncodings.MixedRows(random, dimension);

        var compact = QuantizedRowMatrix.From(rows);
        var query = TestVectors.UnitVector(random, dimension);
        var bounds = new float[compact.Count];

        foreach (var kernel in CompactScanKernels.Supported)
        {
            compact.ScoreUpperBounds(query, [], bounds, kernel);

            var unitRowMargins = new List<float>();
            for (var row = 0; row < rows.Count; row++)
            {
                var exact = TensorPrimitives.Dot(rows.Row(row), query);
                Assert.True(exact <= bounds[row] + 1e-5f, $"{kernel}, row {row}: exact {exact} above its bound {bounds[row]}");
                if (row % 10 != 0)
                {
                    unitRowMargins.Add(bounds[row] - exact);
                }
            }

            // Useful, not vacuous: for unit vectors the bound sits a few hundredths above the score at most.
            Assert.True(unitRowMargins.Max() < 0.05f, $"{kernel}: largest margin {unitRowMargins.Max()}");
        }
    }
}
