using Seed.Core.Ranking;
using Seed.Datasets;

namespace Seed.Evaluation.Tests;

/// <summary>
/// Wraps a model, checks every answer against the exclusion rules and records the call sequence, so tests can prove
/// that a seen item is never recommended and that no event reaches the model before it has been predicted.
/// </summary>
internal sealed class RecordingRecommender(IRecommenderUnderTest inner) : IRecommenderUnderTest
{
    private readonly Dictionary<string, HashSet<string>> _observedItems = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    public List<InteractionEvent> Observed { get; } = [];

    public string Name => inner.Name;

    public void Observe(InteractionEvent interaction)
    {
        Calls.Add($"observe {interaction.UserId} {interaction.ItemId} {interaction.Timestamp:O}");
        Observed.Add(interaction);
        if (!_observedItems.TryGetValue(interaction.UserId, out var items))
        {
            items = [];
            _observedItems[interaction.UserId] = items;
        }

        items.Add(interaction.ItemId);
        inner.Observe(interaction);
    }

    public List<ItemTextChange> ItemTextChanges { get; } = [];

    public void ItemTextChanged(string itemId, string text)
    {
        Calls.Add($"item {itemId}");
        ItemTextChanges.Add(new ItemTextChange(itemId, text));
        inner.ItemTextChanged(itemId, text);
    }

    public IReadOnlyList<int> Recommend(string userId, int k, RowBitSet exclude)
    {
        Calls.Add($"recommend {userId}");
        // The exclusion the replay passes must be exactly what this user has done so far.
        Assert.Equal(_observedItems.GetValueOrDefault(userId)?.Count ?? 0, exclude.Count);
        var rows = inner.Recommend(userId, k, exclude);
        Assert.All(rows, row => Assert.False(exclude.Contains(row), $"{Name} recommended already-seen row {row}"));
        Assert.Equal(rows.Count, rows.Distinct().Count());
        return rows;
    }

    public int RankOf(string userId, int row, RowBitSet exclude) => inner.RankOf(userId, row, exclude);
}
