using System.Numerics.Tensors;
using Seed.Core.Ranking;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Ranking;

public sealed class CompactTopKSelectorTests
{
    [Theory]
    [InlineData(1, 1, 1, false, 8)]
    [InlineData(1, 1, 1, false, 4)]
    [InlineData(7, 3, 4, true, 8)]
    [InlineData(7, 3, 4, true, 4)]
    [InlineData(300, 300, 4, false, 8)]
    [InlineData(300, 300, 4, false, 4)]
    [InlineData(2000, 10, 1, false, 8)]
    [InlineData(2000, 10, 1, false, 4)]
    [InlineData(2000, 10, 1, true, 8)]
    [InlineData(2000, 10, 1, true, 4)]
    [InlineData(5000, 20, 4, true, 8)]
    [InlineData(5000, 20, 4, true, 4)]
    [InlineData(20000, 50, 2, false, 8)]
    [InlineData(20000, 50, 2, false, 4)]
    [InlineData(20000, 200, 4, true, 8)]
    [InlineData(20000, 200, 4, true, 4)]
    public void Select_EqualsTheFloatScan_OnRandomUnitRows(int rowCount, int k, int candidateFactor, bool withBiasAndExclusions, int bits)
    {
        // 128-d random unit rows: their scores against a random query bunch together (about ±0.3), the hard case for
        // an approximate first pass. Every fifth row duplicates an earlier one, so ties are common.
        var random = new Random((rowCount * 7) + k + candidateFactor);
        var (rows, compact) = BuildRows(random, rowCount, 128, bits);
        var (bias, excluded) = withBiasAndExclusions ? RankingTestData.BiasAndExclusions(random, rowCount) : (null, null);
        var query = TestVectors.UnitVector(random, 128);

        var expected = TopKSelector.Select(rows.Rows, 128, query, k, excluded, bias);
        var actual = CompactTopKSelector.Select(rows.Rows, compact, query, k, excluded, bias, candidateFactor);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void Select_EqualsTheFloatScan_WhereTheCompactOrderAloneDoesNot(int bits)
    {
        // Clustered rows (topics around a few centres, as real item embeddings are): many near-equal scores at the
        // top, so the compact bounds alone rank some queries differently from float. The selector must not.
        var random = new Random(11);
        var centres = Enumerable.Range(0, 8).Select(_ => TestVectors.UnitVector(random, 64)).ToArray();
        var rows = new EmbeddingMatrix(64);
        for (var i = 0; i < 6000; i++)
        {
            rows.Add(RankingTestData.Perturbed(centres[i % centres.Length], random, 0.05f));
        }

        var compact = CompactEncodings.From(rows, bits);
        var compactOrderDiffered = 0;
        for (var q = 0; q < 40; q++)
        {
            var query = RankingTestData.Perturbed(centres[q % centres.Length], random, 0.1f);
            var expected = TopKSelector.Select(rows.Rows, 64, query, 10);

            var actual = CompactTopKSelector.Select(rows.Rows, compact, query, 10, null, [], candidateFactor: 1);

            Assert.Equal(expected, actual);
            compactOrderDiffered += CompactTopRows(compact, query, 10).SequenceEqual(expected.Select(s => s.Index)) ? 0 : 1;
        }

        Assert.True(compactOrderDiffered > 0, "The test data never made the compact order differ, so it does not exercise the re-scoring.");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void Select_StaysEqual_AfterRowsAreOverwrittenAndAppended(int bits)
    {
        var random = new Random(5);
        var (rows, compact) = BuildRows(random, 3000, 40, bits);
        for (var i = 0; i < 3000; i += 3)
        {
            var replacement = TestVectors.UnitVector(random, 40);
            rows.Set(i, replacement);
            compact.Set(i, replacement);
        }

        for (var i = 0; i < 100; i++)
        {
            var added = TestVectors.UnitVector(random, 40);
            rows.Add(added);
            compact.Add(added);
        }

        var query = TestVectors.UnitVector(random, 40);

        Assert.Equal(TopKSelector.Select(rows.Rows, 40, query, 25), CompactTopKSelector.Select(rows.Rows, compact, query, 25, null, [], 2));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void Select_FallsBackToTheFloatScan_ForNonFiniteRowsAndQueries(int bits)
    {
        var random = new Random(9);
        var (rows, compact) = BuildRows(random, 500, 16, bits);
        var corrupt = TestVectors.UnitVector(random, 16);
        corrupt[3] = float.NaN;
        rows.Set(42, corrupt);
        compact.Set(42, corrupt);
        var query = TestVectors.UnitVector(random, 16);
        var zero = new float[16];

        Assert.Equal(1, compact.NonFiniteRows);
        Assert.Equal(TopKSelector.Select(rows.Rows, 16, query, 500), CompactTopKSelector.Select(rows.Rows, compact, query, 500, null, [], 4));
        Assert.Equal(TopKSelector.Select(rows.Rows, 16, zero, 7), CompactTopKSelector.Select(rows.Rows, compact, zero, 7, null, [], 4));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void Select_RejectsACompactCopyOfOtherRows(int bits)
    {
        var random = new Random(3);
        var (rows, _) = BuildRows(random, 10, 8, bits);
        var (_, other) = BuildRows(random, 11, 8, bits);

        Assert.Throws<ArgumentException>(() => CompactTopKSelector.Select(rows.Rows, other, TestVectors.UnitVector(random, 8), 3, null, [], 4));
    }

    private static (EmbeddingMatrix Rows, CompactRowMatrix Compact) BuildRows(Random random, int rowCount, int dimension, int bits)
    {
        var rows = new EmbeddingMatrix(dimension, initialCapacity: 4);
        for (var i = 0; i < rowCount; i++)
        {
            rows.Add(i >= 5 && i % 5 == 0 ? rows.Row(random.Next(i)).ToArray() : TestVectors.UnitVector(random, dimension));
        }

        return (rows, CompactEncodings.From(rows, bits));
    }

    private static IEnumerable<int> CompactTopRows(CompactRowMatrix compact, float[] query, int k)
    {
        var scores = new float[compact.Count];
        compact.ScoreUpperBounds(query, [], scores);
        return scores.Select((score, row) => (score, row)).OrderByDescending(p => p.score).ThenBy(p => p.row).Take(k).Select(p => p.row);
    }
}
