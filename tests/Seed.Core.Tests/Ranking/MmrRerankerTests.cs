using Seed.Core.Numerics;
using Seed.Core.Ranking;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Ranking;

public sealed class MmrRerankerTests
{
    [Fact]
    public void LambdaOne_ReturnsRelevanceOrder()
    {
        var random = new Random(4);
        float[] query = TestVectors.UnitVector(random, 16);
        float[][] candidates = [.. Enumerable.Range(0, 30).Select(_ => TestVectors.UnitVector(random, 16))];

        int[] order = MmrReranker.Rerank(query, candidates, 10, 1f);

        int[] expected = [.. Enumerable.Range(0, candidates.Length)
            .OrderByDescending(i => VectorOps.Cosine(query, candidates[i]))
            .ThenBy(i => i)
            .Take(10)];
        Assert.Equal(expected, order);
    }

    [Fact]
    public void HalfLambda_PrefersADistinctItemOverANearDuplicate()
    {
        float[] query = [1f, 0f, 0f];
        float[] best = Normalized([1f, 0.2f, 0f]);
        float[] nearDuplicate = Normalized([1f, 0.21f, 0f]);
        float[] distinct = Normalized([1f, 0f, 0.8f]);
        float[][] candidates = [best, nearDuplicate, distinct];
        // Pure relevance would list the near-duplicate second.
        Assert.True(VectorOps.Cosine(query, best) > VectorOps.Cosine(query, nearDuplicate));
        Assert.True(VectorOps.Cosine(query, nearDuplicate) > VectorOps.Cosine(query, distinct));

        Assert.Equal([0, 1, 2], MmrReranker.Rerank(query, candidates, 3, 1f));
        Assert.Equal([0, 2, 1], MmrReranker.Rerank(query, candidates, 3, 0.5f));
    }

    [Fact]
    public void KBeyondCandidatesReturnsEachOnceAndNonPositiveKIsEmpty()
    {
        var random = new Random(6);
        float[] query = TestVectors.UnitVector(random, 8);
        float[][] candidates = [.. Enumerable.Range(0, 5).Select(_ => TestVectors.UnitVector(random, 8))];

        int[] all = MmrReranker.Rerank(query, candidates, 50, 0.3f);

        Assert.Equal([0, 1, 2, 3, 4], all.Order());
        Assert.Empty(MmrReranker.Rerank(query, candidates, 0, 0.5f));
        Assert.Empty(MmrReranker.Rerank(query, [], 3, 0.5f));
    }

    [Theory]
    [InlineData(-0.01f)]
    [InlineData(1.01f)]
    [InlineData(float.NaN)]
    public void LambdaOutsideUnitIntervalThrows(float lambda)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => MmrReranker.Rerank([1f], [[1f]], 1, lambda));

        Assert.Equal("lambda", exception.ParamName);
    }

    private static float[] Normalized(float[] vector)
    {
        VectorOps.NormalizeInPlace(vector);
        return vector;
    }
}
