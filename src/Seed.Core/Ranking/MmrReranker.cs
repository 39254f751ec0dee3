using Seed.Core.Numerics;

namespace Seed.Core.Ranking;

/// <summary>
/// Greedy maximal marginal relevance (Carbonell &amp; Goldstein, 1998): picks, one at a time, the candidate maximising
/// λ·cos(q, d) − (1 − λ)·max over already selected s of cos(d, s), so near-duplicates of what is already on the list
/// lose to slightly less relevant but different items. O(k·n·d) for n candidates, fine for re-ranking a top-K pool.
/// </summary>
public static class MmrReranker
{
    /// <summary>Returns positions in <paramref name="candidateVectors"/> in selection order (at most <paramref name="k"/>).</summary>
    /// <param name="query">The user query vector.</param>
    /// <param name="candidateVectors">Candidate item vectors, all of the query's length.</param>
    /// <param name="k">How many to select; k &lt;= 0 gives an empty result.</param>
    /// <param name="lambda">Relevance/diversity trade-off in [0, 1]: 1 is pure relevance, 0 pure diversity.</param>
    public static int[] Rerank(ReadOnlySpan<float> query, IReadOnlyList<float[]> candidateVectors, int k, float lambda)
    {
        ArgumentNullException.ThrowIfNull(candidateVectors);
        if (!(lambda >= 0f && lambda <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "lambda must be in [0, 1].");
        }

        int candidateCount = candidateVectors.Count;
        for (int i = 0; i < candidateCount; i++)
        {
            if (candidateVectors[i] is not { } vector || vector.Length != query.Length)
            {
                throw new ArgumentException($"Candidate {i} must be a vector of length {query.Length}.", nameof(candidateVectors));
            }
        }

        int selectCount = Math.Min(Math.Max(k, 0), candidateCount);
        if (selectCount == 0)
        {
            return [];
        }

        var relevance = new float[candidateCount];
        var maxSimilarityToSelected = new float[candidateCount];
        var isSelected = new bool[candidateCount];
        for (int i = 0; i < candidateCount; i++)
        {
            relevance[i] = VectorOps.Cosine(query, candidateVectors[i]);
        }

        var selected = new int[selectCount];
        for (int step = 0; step < selectCount; step++)
        {
            int best = -1;
            float bestScore = float.NegativeInfinity;
            for (int i = 0; i < candidateCount; i++)
            {
                if (isSelected[i])
                {
                    continue;
                }

                // With nothing selected yet there is no redundancy to penalise: the first pick is the most relevant.
                float redundancy = step == 0 ? 0f : maxSimilarityToSelected[i];
                float score = (lambda * relevance[i]) - ((1f - lambda) * redundancy);
                // Strict '>' keeps the lower position on ties, so equal candidates keep their incoming order.
                if (best < 0 || score > bestScore)
                {
                    best = i;
                    bestScore = score;
                }
            }

            selected[step] = best;
            isSelected[best] = true;
            float[] chosen = candidateVectors[best];
            for (int i = 0; i < candidateCount; i++)
            {
                if (isSelected[i])
                {
                    continue;
                }

                float similarity = VectorOps.Cosine(candidateVectors[i], chosen);
                maxSimilarityToSelected[i] = step == 0 ? similarity : Math.Max(maxSimilarityToSelected[i], similarity);
            }
        }

        return selected;
    }
}
