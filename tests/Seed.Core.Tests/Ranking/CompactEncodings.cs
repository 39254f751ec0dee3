using Seed.Core.Ranking;

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
}
