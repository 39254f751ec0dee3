using Seed.Core.Ranking;
using Seed.Datasets;

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

    /// <summary>
    /// The item's text is now <paramref name="text"/> (it replaces the old text; the catalog has already encoded it, see
    /// <see cref="ItemCatalogIndex.ItemTexts"/>). Only for data sets whose items are described by their earlier reviews:
    /// the replay calls it before the first event whose timestamp is later than the reviews that changed the text, so
    /// every later ranking and every later event's item embedding must use the new text, and no earlier one may.
    /// An in-process model swaps the row in its <see cref="LiveCatalogRows"/>; a cluster-backed one upserts
    /// <c>CatalogItem { Id = itemId, Title = itemId, Text = text }</c> and waits for it before the next call.
    /// </summary>
    void ItemTextChanged(string itemId, string text);

    /// <summary>The user's best <paramref name="k"/> catalog rows, best first, never a row in <paramref name="exclude"/>.</summary>
    IReadOnlyList<int> Recommend(string userId, int k, RowBitSet exclude);

    /// <summary>
    /// 1-based rank of <paramref name="row"/> among all rows not in <paramref name="exclude"/>, in the same order as
    /// <see cref="Recommend"/> would list them (full ranking, needed for MRR). <paramref name="row"/> is not excluded.
    /// </summary>
    int RankOf(string userId, int row, RowBitSet exclude);
}
