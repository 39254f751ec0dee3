using Seed.Core.Datasets;
using Seed.Core.Ranking;

namespace Seed.Evaluation;

/// <summary>
/// A recommender as the replay sees it: it is told every interaction in time order and asked for rankings in between.
/// The offline models implement it in-process; a cluster-backed implementation (events posted to the REST API,
/// rankings read back) can be added later without touching the replay or the metrics.
/// </summary>
public interface IRecommenderUnderTest
{
    /// <summary>Name reported in the results ("popularity", "ema-profile", ...).</summary>
    string Name { get; }

    /// <summary>Applies one interaction to the user's state (the item is in the catalog).</summary>
    void Observe(InteractionEvent interaction);

    /// <summary>The user's best <paramref name="k"/> catalog rows, best first, never a row in <paramref name="exclude"/>.</summary>
    IReadOnlyList<int> Recommend(string userId, int k, RowBitSet exclude);

    /// <summary>
    /// 1-based rank of <paramref name="row"/> among all rows not in <paramref name="exclude"/>, in the same order as
    /// <see cref="Recommend"/> would list them (full ranking, needed for MRR). <paramref name="row"/> is not excluded.
    /// </summary>
    int RankOf(string userId, int row, RowBitSet exclude);
}
