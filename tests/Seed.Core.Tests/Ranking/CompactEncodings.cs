using System.Numerics.Tensors;
using Seed.Core.Ranking;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Ranking;

/// <summary>The compact encodings by their bits per value, as the shard's Seed:Catalog:CompactScanBits picks them.</summary>
internal static class CompactEncodings
{
    public static CompactRowMatrix From(EmbeddingMatrix rows, int bits) => bits switch
    {
        8 => QuantizedRowMatrix.From(rows),
        4 => FourBitRowMatrix.From(rows),
        _ => throw new ArgumentOutOfRangeException(nameof(bits)),
    };

    public static CompactRowMatrix Empty(int dimension, int bits) => bits switch
    {
        8 => new QuantizedRowMatrix(dimension, initialCapacity: 1),
        4 => new FourBitRowMatrix(dimension, initialCapacity: 1),
        _ => throw new ArgumentOutOfRangeException(nameof(bits)),
    };

    /// <summary>
    /// 1,003 rows for the bound tests: unit rows, and every tenth (row % 10 == 0) scaled to norm 3.5 with one component
    /// set to -4, so a bound cannot get away with assuming unit vectors.
    /// </summary>
    public static EmbeddingMatrix MixedRows(Random random, int dimension)
    {
        var rows = new EmbeddingMatrix(dimension);
        for (var i = 0; i < 1003; i++)
        {
            var row = TestVectors.UnitVector(random, dimension);
            if (i % 10 == 0)
            {
                TensorPrimitives.Multiply(row, 3.5f, row);
                row[i % dimension] = -4f;
            }

            rows.Add(row);
        }

        return rows;
    }
}
