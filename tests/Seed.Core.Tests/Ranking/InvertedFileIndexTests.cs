using System.Numerics.Tensors;
using Seed.Core.Ranking;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Ranking;

public sealed class InvertedFileIndexTests
{
    private const int Dimension = 64;
    private const int RowsPerList = 100;

    [Fact]
    public void Recall_at_10_on_clustered_rows_is_at_least_0_95_when_probing_4_percent_of_the_lists()
    {
        var random = new Random(1);
        var (rows, centres) = ClusteredRows(random, 20_000, 100);
        var index = InvertedFileIndex.Build(rows, RowsPerList);
        var found = 0;
        const int Queries = 50;
        for (var q = 0; q < Queries; q++)
        {
            var query = RankingTestData.Perturbed(centres[random.Next(centres.Length)], random, 0.1f);
            var exact = TopKSelector.Select(rows.Rows, Dimension, query, 10).Select(s => s.Index).ToHashSet();

            var approximate = index.Select(rows.Rows, query, 10, null, [], probes: index.ListCount / 25, candidateFactor: 4, []);

            found += approximate.Count(s => exact.Contains(s.Index));
        }

        Assert.Equal(200, index.ListCount);
        Assert.True(found >= 0.95 * 10 * Queries, $"recall@10 was {found / (10.0 * Queries):F3}");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void Probing_every_list_equals_the_float_scan_bit_for_bit_with_bias_exclusions_and_ties(int bits)
    {
        var random = new Random(2);
        var (rows, centres) = ClusteredRows(random, 5_000, 40);
        for (var row = 10; row < rows.Count; row += 7)
        {
            rows.Set(row, rows.Row(random.Next(row)).ToArray()); // exact ties
        }

        var index = InvertedFileIndex.Build(rows, RowsPerList, bits);
        var (bias, excluded) = RankingTestData.BiasAndExclusions(random, rows.Count);
        for (var q = 0; q < 20; q++)
        {
            var query = q % 2 == 0 ? RankingTestData.Perturbed(centres[q], random, 0.1f) : TestVectors.UnitVector(random, Dimension);
            var k = 1 + (q * 7);

            Assert.Equal(
                TopKSelector.Select(rows.Rows, Dimension, query, k, excluded, bias),
                index.Select(rows.Rows, query, k, excluded, bias, probes: index.ListCount, candidateFactor: 1 + (q % 4), []));
        }
    }

    [Fact]
    public void Exclusions_are_never_returned_and_K_eligible_rows_are_when_they_exist()
    {
        var random = new Random(3);
        var (rows, centres) = ClusteredRows(random, 5_000, 40);
        var index = InvertedFileIndex.Build(rows, RowsPerList);
        var keepOneIn50 = new RowBitSet(rows.Count);
        var onlyFive = new RowBitSet(rows.Count);
        for (var row = 0; row < rows.Count; row++)
        {
            if (row % 50 != 0)
            {
                keepOneIn50.Add(row);
            }

            if (row % 1000 != 999)
            {
                onlyFive.Add(row);
            }
        }

        for (var q = 0; q < 10; q++)
        {
            var query = RankingTestData.Perturbed(centres[q], random, 0.1f);

            var filtered = index.Select(rows.Rows, query, 20, keepOneIn50, [], probes: 1, candidateFactor: 4, []);
            var five = index.Select(rows.Rows, query, 10, onlyFive, [], probes: 1, candidateFactor: 4, []);

            Assert.Equal(20, filtered.Length);
            Assert.All(filtered, s => Assert.Equal(0, s.Index % 50));
            Assert.Equal(TopKSelector.Select(rows.Rows, Dimension, query, 10, onlyFive), five);
        }
    }

    [Fact]
    public void A_row_with_a_large_bias_outside_the_probed_lists_is_found_when_named()
    {
        var (rows, index, query) = IndexWithQueryNearACluster(new Random(4));
        // The row least like the query: no list near the query holds it.
        var farthest = FarthestRows(rows, query, 1)[0];
        var bias = new float[rows.Count];
        bias[farthest] = 5f;

        var withoutNaming = index.Select(rows.Rows, query, 10, null, bias, probes: 2, candidateFactor: 4, []);
        var named = index.Select(rows.Rows, query, 10, null, bias, probes: 2, candidateFactor: 4, [farthest, farthest, rows.Count + 5]);

        Assert.DoesNotContain(withoutNaming, s => s.Index == farthest);
        Assert.Equal(TopKSelector.Select(rows.Rows, Dimension, query, 1, null, bias)[0], named[0]);
        Assert.Equal(farthest, named[0].Index);
        Assert.Single(named, s => s.Index == farthest);
    }

    /// <summary>The set that dedupes the named rows is reused and emptied row by row: each query starts from none seen.</summary>
    [Fact]
    public void Rows_named_by_one_query_are_scored_again_when_the_next_names_them()
    {
        var (rows, index, query) = IndexWithQueryNearACluster(new Random(5));
        var farthest = FarthestRows(rows, query, 2);
        var bias = new float[rows.Count];
        bias[farthest[0]] = 5f;
        bias[farthest[1]] = 4f;

        var first = index.Select(rows.Rows, query, 10, null, bias, probes: 2, candidateFactor: 4, farthest);
        var onlyOne = index.Select(rows.Rows, query, 10, null, bias, probes: 2, candidateFactor: 4, farthest.AsSpan(1));
        var again = index.Select(rows.Rows, query, 10, null, bias, probes: 2, candidateFactor: 4, farthest);

        Assert.Equal(farthest, first.Take(2).Select(s => s.Index));
        Assert.Equal(farthest[1], onlyOne[0].Index);
        Assert.DoesNotContain(onlyOne, s => s.Index == farthest[0]);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Added_and_changed_rows_are_found_and_moved_rows_are_listed_once()
    {
        var random = new Random(5);
        var (rows, centres) = ClusteredRows(random, 3_000, 30);
        var index = InvertedFileIndex.Build(rows, RowsPerList);
        var query = RankingTestData.Perturbed(centres[3], random, 0.05f);

        var added = rows.Add(query);
        index.Add(query);
        Assert.Equal(added, index.Select(rows.Rows, query, 1, null, [], probes: 1, candidateFactor: 4, [])[0].Index);

        // A row from another cluster moved onto the query: it must leave its old list and be found in the new one.
        var moved = FarthestRows(rows, query, 1)[0];
        var nearlyQuery = RankingTestData.Perturbed(query, random, 0.01f);
        rows.Set(moved, nearlyQuery);
        index.Set(moved, nearlyQuery);
        var top = index.Select(rows.Rows, query, 5, null, [], probes: 1, candidateFactor: 4, []);
        Assert.Equal([added, moved], top.Take(2).Select(s => s.Index));

        for (var i = 0; i < 500; i++)
        {
            var row = random.Next(rows.Count);
            var values = RankingTestData.Perturbed(centres[random.Next(centres.Length)], random, 0.2f);
            rows.Set(row, values);
            index.Set(row, values);
            var appended = RankingTestData.Perturbed(centres[random.Next(centres.Length)], random, 0.2f);
            rows.Add(appended);
            index.Add(appended);
        }

        var all = index.Select(rows.Rows, query, rows.Count, null, [], probes: index.ListCount, candidateFactor: 4, []);
        Assert.Equal(TopKSelector.Select(rows.Rows, Dimension, query, rows.Count), all);
        Assert.False(index.IsOutgrown);
    }

    [Fact]
    public void A_non_finite_row_or_bias_falls_back_to_the_float_scan()
    {
        var random = new Random(6);
        var (rows, centres) = ClusteredRows(random, 2_000, 20);
        var index = InvertedFileIndex.Build(rows, RowsPerList);
        var query = RankingTestData.Perturbed(centres[1], random, 0.1f);
        var infiniteBias = new float[rows.Count];
        infiniteBias[17] = float.PositiveInfinity;

        // Only the rows a search considers have their bias checked (checking every row would read the whole bias).
        Assert.Equal(
            TopKSelector.Select(rows.Rows, Dimension, query, 10, null, infiniteBias),
            index.Select(rows.Rows, query, 10, null, infiniteBias, probes: index.ListCount, candidateFactor: 4, []));

        var corrupt = rows.Row(42).ToArray();
        corrupt[3] = float.NaN;
        rows.Set(42, corrupt);
        index.Set(42, corrupt);
        Assert.Equal(TopKSelector.Select(rows.Rows, Dimension, query, 10), index.Select(rows.Rows, query, 10, null, [], probes: 1, candidateFactor: 4, []));
    }

    /// <summary>
    /// The stored bias, kept equal to the query's bias but for a few rows moved off it (as a query's co-liked rows
    /// are), ranks exactly as the gathered bias, after rows moved between lists and were appended, whether those rows
    /// come as a list only or as a set as well; a stored value that is not finite is refused.
    /// </summary>
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void The_stored_bias_with_rows_moved_off_it_ranks_as_the_gathered_bias(int bits)
    {
        var random = new Random(7);
        var (rows, centres) = ClusteredRows(random, 4_000, 40);
        var index = InvertedFileIndex.Build(rows, RowsPerList, bits);
        for (var i = 0; i < 300; i++)
        {
            var values = RankingTestData.Perturbed(centres[random.Next(centres.Length)], random, 0.2f);
            if (i % 2 == 0)
            {
                var row = random.Next(rows.Count);
                rows.Set(row, values);
                index.Set(row, values);
            }
            else
            {
                rows.Add(values);
                index.Add(values);
            }
        }

        var stored = new float[rows.Count];
        for (var row = 0; row < rows.Count; row++)
        {
            stored[row] = random.NextSingle() * 0.05f;
            index.SetBias(row, stored[row]);
        }

        for (var q = 0; q < 20; q++)
        {
            var query = RankingTestData.Perturbed(centres[q], random, 0.1f);
            var queryBias = (float[])stored.Clone();
            var added = new float[rows.Count];
            var offStored = Enumerable.Range(0, 60).Select(_ => random.Next(rows.Count)).Distinct().ToArray();
            foreach (var row in offStored)
            {
                added[row] = 0.3f * random.NextSingle();
                queryBias[row] = stored[row] + added[row];
            }

            var offStoredSet = new RowBitSet(rows.Count);
            Array.ForEach(offStored, offStoredSet.Add);

            var probes = q % 2 == 0 ? index.ListCount : 4;
            var gathered = index.Select(rows.Rows, query, 10, null, queryBias, probes, candidateFactor: 4, offStored);
            Assert.Equal(gathered, index.SelectWithStoredBias(rows.Rows, query, 10, null, new SplitRowBias(stored, added, offStored), probes, candidateFactor: 4, offStored));
            Assert.Equal(gathered, index.SelectWithStoredBias(rows.Rows, query, 10, null, new SplitRowBias(stored, added, offStored, offStoredSet), probes, candidateFactor: 4, offStored));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => index.SetBias(0, float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.SetBias(rows.Count, 0f));
    }

    /// <summary>Rows around <paramref name="clusters"/> random centres (topics, as item embeddings have), unit length.</summary>
    private static (EmbeddingMatrix Rows, float[][] Centres) ClusteredRows(Random random, int count, int clusters)
    {
        var centres = Enumerable.Range(0, clusters).Select(_ => TestVectors.UnitVector(random, Dimension)).ToArray();
        var rows = new EmbeddingMatrix(Dimension, count);
        for (var i = 0; i < count; i++)
        {
            rows.Add(RankingTestData.Perturbed(centres[random.Next(clusters)], random, 0.12f));
        }

        return (rows, centres);
    }

    /// <summary>5,000 rows in 40 clusters, their index, and a query close to the first cluster's centre.</summary>
    private static (EmbeddingMatrix Rows, InvertedFileIndex Index, float[] Query) IndexWithQueryNearACluster(Random random)
    {
        var (rows, centres) = ClusteredRows(random, 5_000, 40);
        var index = InvertedFileIndex.Build(rows, RowsPerList);
        return (rows, index, RankingTestData.Perturbed(centres[0], random, 0.05f));
    }

    /// <summary>The <paramref name="count"/> rows least like <paramref name="query"/>, least like first.</summary>
    private static int[] FarthestRows(EmbeddingMatrix rows, float[] query, int count) =>
        [.. TopKSelector.Select(rows.Rows, Dimension, Negated(query), count).Select(s => s.Index)];

    private static float[] Negated(float[] vector)
    {
        var negated = new float[vector.Length];
        TensorPrimitives.Negate(vector, negated);
        return negated;
    }
}
