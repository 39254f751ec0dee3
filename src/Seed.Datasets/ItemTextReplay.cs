namespace Seed.Datasets;

/// <summary>
/// A cursor over an <see cref="ItemTextTimeline"/>. <see cref="AdvanceTo"/> moves it to a moment and returns the items
/// whose text changed since the previous moment, with their new text, in ordinal item-id order (deterministic).
/// </summary>
public sealed class ItemTextReplay
{
    private readonly IReadOnlyList<InteractionEvent> _reviews;
    private readonly IReadOnlyDictionary<string, string> _baseTexts;
    private readonly Dictionary<string, List<string>> _reviewTextsByItem = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _currentTexts = new(StringComparer.Ordinal);
    private int _next;

    internal ItemTextReplay(IReadOnlyList<InteractionEvent> reviews, IReadOnlyDictionary<string, string> baseTexts)
    {
        _reviews = reviews;
        _baseTexts = baseTexts;
    }

    /// <summary>The moment the cursor stands at (reviews strictly before it are included).</summary>
    public DateTimeOffset Moment { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>The item's text at <see cref="Moment"/>.</summary>
    public string TextOf(string itemId) =>
        _currentTexts.TryGetValue(itemId, out var text) ? text
        : _baseTexts.TryGetValue(itemId, out var baseText) ? baseText
        : throw new KeyNotFoundException($"Item {itemId} is not in the data set.");

    /// <summary>
    /// Takes in every review with a timestamp strictly before <paramref name="moment"/> and returns the items whose text
    /// changed. Moments must not go backwards.
    /// </summary>
    public IReadOnlyList<ItemTextChange> AdvanceTo(DateTimeOffset moment)
    {
        if (moment < Moment)
        {
            throw new ArgumentOutOfRangeException(nameof(moment), moment, $"The replay stands at {Moment:O}; item texts cannot go back in time.");
        }

        Moment = moment;
        var changed = new SortedSet<string>(StringComparer.Ordinal);
        while (_next < _reviews.Count && _reviews[_next].Timestamp < moment)
        {
            var review = _reviews[_next++];
            if (!_reviewTextsByItem.TryGetValue(review.ItemId, out var texts))
            {
                _reviewTextsByItem[review.ItemId] = texts = [];
            }

            texts.Add(review.Text!);
            changed.Add(review.ItemId);
        }

        var changes = new List<ItemTextChange>(changed.Count);
        foreach (var itemId in changed)
        {
            var text = ReviewItemText.Compose(_baseTexts[itemId], _reviewTextsByItem[itemId]);
            _currentTexts[itemId] = text;
            changes.Add(new ItemTextChange(itemId, text));
        }

        return changes;
    }
}
