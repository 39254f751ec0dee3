using Seed.Core.Ranking;
using Seed.Datasets;

namespace Seed.Evaluation;

/// <summary>
/// Most-popular baseline. Counts come from the history only and are frozen during the test replay, so its answers
/// never depend on test events (a live counter would be a different, slightly stronger baseline).
/// </summary>
public sealed class PopularityRecommender(PopularityRanking ranking) : IRecommenderUnderTest
{
    public string Name => "popularity";

    public void Observe(InteractionEvent interaction)
    {
        // Deliberately nothing: popularity is fixed at the split time.
    }

    public void ItemTextChanged(string itemId, string text)
    {
        // Nothing: counts do not depend on text.
    }

    public IReadOnlyList<int> Recommend(string userId, int k, RowBitSet exclude) => ranking.Recommend(k, exclude);

    public int RankOf(string userId, int row, RowBitSet exclude) => ranking.RankOf(row, exclude);
}
