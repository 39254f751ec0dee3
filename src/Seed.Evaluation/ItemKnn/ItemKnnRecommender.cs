using Seed.Core.Ranking;
using Seed.Datasets;

namespace Seed.Evaluation.ItemKnn;

/// <summary>
/// "item-knn", the classic item-to-item collaborative filter (Sarwar et al. 2001; Deshpande &amp; Karypis 2004): a
/// user's score for an item is the sum of its similarities to the items the user liked so far, each liked item
/// contributing only its <see cref="NeighbourhoodSize"/> most similar items. Similarities come from the history and
/// are frozen during the test replay; the profile grows with every positive interaction replayed. Equal scores (and
/// users without a like yet, whose scores are all 0) are ordered by history popularity.
/// </summary>
public sealed class ItemKnnRecommender : IRecommenderUnderTest
{
    private readonly ItemSimilarities _similarities;
    private readonly ItemCatalogIndex _catalog;
    private readonly PopularityRanking _popularity;
    private readonly Dictionary<string, List<int>> _likedByUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<int>> _likedSets = new(StringComparer.Ordinal);
    private readonly float[] _scores;

    /// <summary>
    /// Whose likes <see cref="_scores"/> holds, and how many of them: a user's events come in runs, so the next call
    /// for the same user only adds the rows of the likes since (same order of additions, so the same floats).
    /// </summary>
    private string? _scoredUser;

    private int _scoredLikes;

    public ItemKnnRecommender(ItemSimilarities similarities, ItemCatalogIndex catalog, PopularityRanking popularity, int? neighbourhoodSize)
    {
        ArgumentNullException.ThrowIfNull(similarities);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(popularity);
        if (neighbourhoodSize is < 1 || (similarities.MaxNeighbours is { } stored && (neighbourhoodSize is null || neighbourhoodSize > stored)))
        {
            throw new ArgumentOutOfRangeException(nameof(neighbourhoodSize), neighbourhoodSize,
                $"The similarities keep {similarities.MaxNeighbours?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"} neighbours per item.");
        }

        _similarities = similarities;
        _catalog = catalog;
        _popularity = popularity;
        NeighbourhoodSize = neighbourhoodSize;
        _scores = new float[catalog.Count];
    }

    /// <summary>Neighbours each liked item contributes; null for all.</summary>
    public int? NeighbourhoodSize { get; }

    public string Name => "item-knn";

    public void Observe(InteractionEvent interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (!PositiveInteraction.IsPositive(interaction) || !_catalog.TryGetRow(interaction.ItemId, out var row))
        {
            return;
        }

        if (!_likedSets.TryGetValue(interaction.UserId, out var set))
        {
            set = [];
            _likedSets[interaction.UserId] = set;
            _likedByUser[interaction.UserId] = [];
        }

        if (set.Add(row))
        {
            _likedByUser[interaction.UserId].Add(row);
        }
    }

    public void ItemTextChanged(string itemId, string text)
    {
        // Nothing: the similarities come from who liked what, not from text.
    }

    public IReadOnlyList<int> Recommend(string userId, int k, RowBitSet exclude)
    {
        ArgumentNullException.ThrowIfNull(exclude);
        if (!Score(userId))
        {
            return _popularity.Recommend(k, exclude);
        }

        // Rows with a score, best first (a bounded heap, weakest at the root); the popularity order fills the rest.
        var heap = new PriorityQueue<int, int>(k + 1, Comparer<int>.Create((left, right) => Compare(right, left)));
        var scoredCount = 0;
        for (var row = 0; row < _scores.Length; row++)
        {
            if (_scores[row] > 0f && !exclude.Contains(row))
            {
                scoredCount++;
                heap.Enqueue(row, row);
                if (heap.Count > k)
                {
                    heap.Dequeue();
                }
            }
        }

        var scored = new List<int>(heap.Count);
        while (heap.TryDequeue(out var row, out _))
        {
            scored.Add(row);
        }

        scored.Reverse();
        var result = scored;
        if (result.Count < k)
        {
            foreach (var row in _popularity.Recommend(k + scoredCount, exclude))
            {
                if (result.Count == k)
                {
                    break;
                }

                if (_scores[row] == 0f)
                {
                    result.Add(row);
                }
            }
        }

        return result;
    }

    public int RankOf(string userId, int row, RowBitSet exclude)
    {
        ArgumentNullException.ThrowIfNull(exclude);
        if (!Score(userId))
        {
            return _popularity.RankOf(row, exclude);
        }

        var rank = 1;
        for (var other = 0; other < _scores.Length; other++)
        {
            if (other != row && !exclude.Contains(other) && Compare(other, row) < 0)
            {
                rank++;
            }
        }

        return rank;
    }

    /// <summary>Fills <see cref="_scores"/> for the user; false when the user has liked nothing yet.</summary>
    private bool Score(string userId)
    {
        if (!_likedByUser.TryGetValue(userId, out var liked))
        {
            return false;
        }

        if (!string.Equals(_scoredUser, userId, StringComparison.Ordinal))
        {
            Array.Clear(_scores);
            _scoredUser = userId;
            _scoredLikes = 0;
        }

        for (; _scoredLikes < liked.Count; _scoredLikes++)
        {
            var (neighbours, similarities) = _similarities.Neighbours(liked[_scoredLikes], NeighbourhoodSize);
            var rows = neighbours.Span;
            var values = similarities.Span;
            for (var i = 0; i < rows.Length; i++)
            {
                _scores[rows[i]] += values[i];
            }
        }

        return true;
    }

    /// <summary>Higher score first, then the more popular row.</summary>
    private int Compare(int left, int right) => _scores[left] != _scores[right]
        ? _scores[right].CompareTo(_scores[left])
        : _popularity.PositionOf(left).CompareTo(_popularity.PositionOf(right));
}
