using System.Numerics.Tensors;
using Seed.Core.Ranking;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Ranking;

public sealed class TopKSelectorTests
{
    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(5, 3, false)]
    [InlineData(5, 10, true)]
    [InlineData(255, 1, true)]
    [InlineData(256, 17, false)]
    [InlineData(257, 256, true)]
    [InlineData(1000, 10, true)]
    [InlineData(1000, 1000, false)]
    [InlineData(3000, 100, true)]
    public void Select_EqualsFullSortWithIndexTieBreak(int rowCount, int k, bool withExclusions)
    {
        const int dimension = 24;
        var random = new Random((rowCount * 31) + k);
        var matrix = new EmbeddingMatrix(dimension, initialCapacity: 4);
        for (int i = 0; i < rowCount; i++)
        {
            // Every fifth row duplicates an earlier one so equal scores (ties) are common.
            float[] row = i >= 5 && i % 5 == 0 ? matrix.Row(random.Next(i)).ToArray() : TestVectors.UnitVector(random, dimension);
            matrix.Add(row);
        }

        RowBitSet? excluded = null;
        if (withExclusions)
        {
            excluded = new RowBitSet(0);
            for (int i = 0; i < rowCount; i++)
            {
                if (random.NextDouble() < 0.25)
                {
                    excluded.Add(i);
                }
            }
        }

        float[] query = TestVectors.UnitVector(random, dimension);

        ScoredIndex[] actual = TopKSelector.Select(matrix.Rows, dimension, query, k, excluded);

        ScoredIndex[] expected = [.. Enumerable.Range(0, rowCount)
            .Where(i => excluded is null || !excluded.Contains(i))
            .Select(i => new ScoredIndex(i, TensorPrimitives.Dot(matrix.Row(i), query)))
            .OrderByDescending(scored => scored.Score)
            .ThenBy(scored => scored.Index)
            .Take(k)];
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(500, 10)]
    [InlineData(3000, 50)]
    public void Select_WithPopularityBias_EqualsFullSortOfCosinePlusBias(int rowCount, int k)
    {
        const int dimension = 16;
        var random = new Random(rowCount + k);
        var matrix = new EmbeddingMatrix(dimension, initialCapacity: 4);
        var prior = new PopularityPrior(0.05f, rowCount);
        for (int i = 0; i < rowCount; i++)
        {
            matrix.Add(TestVectors.UnitVector(random, dimension));
            prior.Set(i, random.Next(4) == 0 ? 0 : random.Next(1000));
        }

        float[] query = TestVectors.UnitVector(random, dimension);

        ScoredIndex[] actual = TopKSelector.Select(matrix.Rows, dimension, query, k, null, prior.Bias);

        ScoredIndex[] expected = [.. Enumerable.Range(0, rowCount)
            .Select(i => new ScoredIndex(i, TensorPrimitives.Dot(matrix.Row(i), query) + PopularityPrior.BiasFor(0.05f, prior.CountOf(i))))
            .OrderByDescending(scored => scored.Score)
            .ThenBy(scored => scored.Index)
            .Take(k)];
        Assert.Equal(expected, actual);
        // The prior must actually move the ranking, or this test would not test it.
        Assert.NotEqual(TopKSelector.Select(matrix.Rows, dimension, query, k).Select(s => s.Index), actual.Select(s => s.Index));
    }

    [Fact]
    public void PopularityPrior_IsWeightTimesLogOnePlusCount_AndRejectsBadInput()
    {
        var prior = new PopularityPrior(0.5f);
        prior.Increment(3);
        prior.Increment(3);
        Assert.Equal(4, prior.RowCount);
        Assert.Equal(2, prior.CountOf(3));
        Assert.Equal((float)(0.5 * Math.Log(3)), prior.Bias[3], 6);
        Assert.Equal(0f, prior.Bias[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PopularityPrior(-1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => prior.Set(1, double.NaN));
        Assert.Throws<ArgumentException>(() => TopKSelector.Select(new float[8], 2, new float[2], 1, null, new float[3]));
    }

    [Fact]
    public void Select_TiesAreBrokenByLowerIndex()
    {
        float[] rows = [1f, 0f, 0f, 1f, 1f, 0f, 1f, 0f, 0f, 1f];
        float[] query = [1f, 0f];

        ScoredIndex[] top = TopKSelector.Select(rows, 2, query, 2);

        Assert.Equal([new ScoredIndex(0, 1f), new ScoredIndex(2, 1f)], top);
    }

    [Fact]
    public void Select_EdgeCases()
    {
        float[] rows = [1f, 0f, 0f, 1f];
        float[] query = [0f, 1f];

        Assert.Empty(TopKSelector.Select(rows, 2, query, 0));
        Assert.Empty(TopKSelector.Select(rows, 2, query, -3));
        Assert.Empty(TopKSelector.Select([], 2, query, 5));
        var all = new RowBitSet(2);
        all.Add(0);
        all.Add(1);
        Assert.Empty(TopKSelector.Select(rows, 2, query, 5, all));
        Assert.Equal([1, 0], TopKSelector.Select(rows, 2, query, 5).Select(scored => scored.Index));
        Assert.Throws<ArgumentException>(() => TopKSelector.Select(rows, 3, query, 1));
        Assert.Throws<ArgumentException>(() => TopKSelector.Select([1f, 2f, 3f], 2, query, 1));
    }

    [Fact]
    public void Select_CorruptNaNRowSinksToTheBottom()
    {
        float[] rows = [float.NaN, 0f, 0.5f, 0.5f, 1f, 0f];
        float[] query = [1f, 0f];

        ScoredIndex[] top = TopKSelector.Select(rows, 2, query, 3);

        Assert.Equal([2, 1, 0], top.Select(scored => scored.Index));
    }

    [Theory]
    [InlineData(1, false, false)]
    [InlineData(300, true, false)]
    [InlineData(2000, false, true)]
    [InlineData(2000, true, true)]
    public void CountRankedAhead_PlusOne_IsThePositionInTheFullRanking(int rowCount, bool withExclusions, bool withBias)
    {
        const int dimension = 16;
        var random = new Random(rowCount + (withExclusions ? 7 : 0) + (withBias ? 13 : 0));
        var matrix = new EmbeddingMatrix(dimension, initialCapacity: 4);
        for (int i = 0; i < rowCount; i++)
        {
            // Duplicated rows make ties common, so the tie rule is exercised.
            matrix.Add(i >= 3 && i % 3 == 0 ? matrix.Row(random.Next(i)).ToArray() : TestVectors.UnitVector(random, dimension));
        }

        float[] bias = withBias ? [.. Enumerable.Range(0, rowCount).Select(_ => random.Next(4) * 0.05f)] : [];
        var excluded = new RowBitSet(rowCount);
        for (int i = 0; withExclusions && i < rowCount; i++)
        {
            if (random.NextDouble() < 0.3)
            {
                excluded.Add(i);
            }
        }

        float[] query = TestVectors.UnitVector(random, dimension);
        ScoredIndex[] fullRanking = TopKSelector.Select(matrix.Rows, dimension, query, rowCount, excluded, bias);

        for (int position = 0; position < fullRanking.Length; position++)
        {
            int row = fullRanking[position].Index;
            float score = TopKSelector.Score(matrix.Rows, dimension, query, row, bias);
            Assert.Equal(fullRanking[position].Score, score);
            int ahead = TopKSelector.CountRankedAhead(matrix.Rows, dimension, query, excluded, bias, score, row, other => other < row);
            Assert.Equal(position, ahead);
        }
    }

    [Fact]
    public void HighestValues_ranks_the_given_rows_or_every_row_by_value_ties_by_lower_row()
    {
        float[] values = [0.5f, 3f, 1f, 3f, -2f, 7f];

        Assert.Equal([5, 1, 3], TopKSelector.HighestValues(values, [], 3));
        Assert.Equal([3, 2, 4], TopKSelector.HighestValues(values, [4, 2, 3], 5));
        Assert.Empty(TopKSelector.HighestValues(values, [], 0));
    }

    [Fact]
    public void HighestOfRows_picks_what_HighestValues_picks_from_values_listed_beside_their_rows()
    {
        var random = new Random(8);
        var values = Enumerable.Range(0, 500).Select(_ => (float)random.Next(40)).ToArray();
        var rows = Enumerable.Range(0, 500).OrderBy(_ => random.Next()).Take(300).ToArray();

        foreach (var count in new[] { 0, 1, 17, 300, 400 })
        {
            Assert.Equal(TopKSelector.HighestValues(values, rows, count), TopKSelector.HighestOfRows(rows, [.. rows.Select(row => values[row])], count));
        }

        Assert.Throws<ArgumentException>(() => TopKSelector.HighestOfRows([1, 2], [1f], 1));
    }

    /// <summary>
    /// Enough rows for the sampled floor: many ties, NaN values, and values laid out so that the sample sees only the
    /// high ones (its floor then admits fewer than count rows and every row is offered again).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(256)]
    [InlineData(2_500)]
    public void HighestOfRows_with_a_sampled_floor_picks_what_HighestValues_picks(int count)
    {
        var random = new Random(count);
        var tied = Enumerable.Range(0, 40_960).Select(_ => random.Next(50) == 0 ? float.NaN : random.Next(400)).ToArray();
        var sampledHigh = Enumerable.Range(0, 40_960).Select(i => i % 20 == 0 ? 100f : random.Next(50)).ToArray();
        foreach (var listed in new[] { tied, sampledHigh })
        {
            var rows = Enumerable.Range(0, listed.Length).OrderBy(_ => random.Next()).ToArray();
            var byRow = new float[listed.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                byRow[rows[i]] = listed[i];
            }

            Assert.Equal(TopKSelector.HighestValues(byRow, rows, count), TopKSelector.HighestOfRows(rows, listed, count));
        }
    }
}
