using Seed.Abstractions.Catalog;
using Seed.Core.Collaborative;
using Seed.Core.Ranking;

namespace Seed.Core.Tests.Collaborative;

public sealed class CoLikeBiasTests
{
    private static readonly CoLikeSettings Settings = new(0.8f, 0.7f, CoLikeSettings.DefaultWindow);

    /// <summary>
    /// Queries with different likes, with popularity counts changing and rows appended between them, asked in turn for
    /// the whole bias and for the co-like terms alone: every answer equals the bias computed from scratch (the prior
    /// plus the terms, for the latter), so rows a previous query lifted are back at their popularity value.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Each_query_equals_the_bias_computed_from_scratch(bool withPrior)
    {
        var random = new Random(3);
        var rowCount = 200;
        var prior = withPrior ? new PopularityPrior(0.1f, rowCount) : null;
        var likeCounts = new List<double>();
        var coLikes = new CoLikeIndex();
        for (var row = 0; row < rowCount; row++)
        {
            prior?.Set(row, random.Next(50));
            likeCounts.Add(1 + random.Next(20));
            coLikes.Increment(row, $"liked-{random.Next(10)}");
        }

        var bias = new CoLikeBias();
        for (var query = 0; query < 12; query++)
        {
            var weights = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => new CoLikeWeight($"liked-{random.Next(12)}", 0.2f + random.NextSingle())).ToList();

            var actual = query % 3 == 1
                ? PriorPlusTerms(bias, coLikes, weights, prior, rowCount, likeCounts)
                : bias.Compute(Settings, coLikes, weights, prior, rowCount, Roots(likeCounts)).ToArray();

            Assert.Equal(Expected(coLikes, weights, prior, rowCount, likeCounts), actual);
            // The reused set of touched rows holds this query's rows only, not those a previous query touched.
            var touched = Enumerable.Range(0, rowCount).Where(row => weights.Any(weight => coLikes.CountOf(row, weight.ItemId) > 0)).ToArray();
            var inSet = new List<int>();
            bias.LastTouchedRowSet.AppendRowsInOrder(inSet);
            Assert.Equal(touched, bias.LastTouchedRows.ToArray());
            Assert.Equal(touched, inSet);
            for (var change = 0; change < 20; change++)
            {
                prior?.Set(random.Next(rowCount), random.Next(80));
            }

            if (query % 4 == 3)
            {
                rowCount += 30;
                for (var row = rowCount - 30; row < rowCount; row++)
                {
                    prior?.Set(row, random.Next(50));
                    likeCounts.Add(1 + random.Next(20));
                    coLikes.Increment(row, $"liked-{random.Next(10)}");
                }
            }
        }
    }

    [Fact]
    public void A_query_without_a_prior_after_one_with_it_starts_from_zero()
    {
        var coLikes = new CoLikeIndex();
        coLikes.Increment(1, "a");
        coLikes.Increment(2, "b");
        var prior = new PopularityPrior(0.5f, 4);
        prior.Set(1, 10);
        var bias = new CoLikeBias();
        bias.Compute(Settings, coLikes, [new CoLikeWeight("b", 1f)], null, 4, OneLikeEach);
        bias.Compute(Settings, coLikes, [new CoLikeWeight("a", 1f)], prior, 4, OneLikeEach);

        var withoutPrior = bias.Compute(Settings, coLikes, [new CoLikeWeight("a", 1f)], null, 4, OneLikeEach).ToArray();

        Assert.Equal([0f, Settings.RowBias(0f, 1f, 1), 0f, 0f], withoutPrior);
    }

    /// <summary>The bias from <see cref="CoLikeBias.ComputeTerms"/>, checking that only the touched rows have a term.</summary>
    private static float[] PriorPlusTerms(CoLikeBias bias, CoLikeIndex coLikes, IReadOnlyList<CoLikeWeight> weights, PopularityPrior? prior, int rowCount, List<double> likeCounts)
    {
        var terms = bias.ComputeTerms(Settings, coLikes, weights, rowCount, Roots(likeCounts)).ToArray();
        var touched = bias.LastTouchedRows.ToArray().ToHashSet();
        Assert.Equal(rowCount, terms.Length);
        Assert.Equal([.. bias.LastTouchedRows.ToArray().Select(row => terms[row])], bias.LastTouchedTerms.ToArray());
        Assert.All(Enumerable.Range(0, rowCount).Where(row => !touched.Contains(row)), row => Assert.Equal(0f, terms[row]));
        return [.. Enumerable.Range(0, rowCount).Select(row => touched.Contains(row) ? (prior is null ? 0f : prior.Bias[row]) + terms[row] : prior is null ? 0f : prior.Bias[row])];
    }

    /// <summary>The roots the bias divides by, from the counts the expected values use (<see cref="CoLikeSettings.RowBias"/> takes counts).</summary>
    private static float[] Roots(List<double> likeCounts) => [.. likeCounts.Select(CoLikeSettings.LikeCountRoot)];

    private static readonly float[] OneLikeEach = [1f, 1f, 1f, 1f];

    private static float[] Expected(CoLikeIndex coLikes, IReadOnlyList<CoLikeWeight> weights, PopularityPrior? prior, int rowCount, List<double> likeCounts)
    {
        var accumulated = new float[rowCount];
        coLikes.Accumulate(weights, accumulated);
        return [.. Enumerable.Range(0, rowCount).Select(row =>
        {
            var popularity = prior is null ? 0f : prior.Bias[row];
            return accumulated[row] == 0f ? popularity : Settings.RowBias(popularity, accumulated[row], likeCounts[row]);
        })];
    }
}
