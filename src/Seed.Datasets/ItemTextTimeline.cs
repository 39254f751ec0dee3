using Seed.Abstractions;

namespace Seed.Datasets;

/// <summary>
/// How item texts evolve during a replay of a data set whose items are described by their reviews
/// (<see cref="InteractionDataset.ItemTextFromEarlierReviews"/>). At a moment t an item's text is
/// <see cref="ReviewItemText.Compose"/> over its reviews with timestamp strictly before t, so a prediction made for an
/// event at t never sees that event's own review nor any later one; with day-resolution timestamps, not even another
/// review of the same day. <see cref="Start"/> gives a cursor that releases the changes in time order.
/// </summary>
public sealed class ItemTextTimeline
{
    private readonly IReadOnlyList<InteractionEvent> _reviews;
    private readonly IReadOnlyDictionary<string, string> _baseTexts;

    private ItemTextTimeline(IReadOnlyList<InteractionEvent> reviews, IReadOnlyDictionary<string, string> baseTexts)
    {
        _reviews = reviews;
        _baseTexts = baseTexts;
    }

    /// <summary>The timeline of <paramref name="dataset"/>, or null when its item texts are fixed.</summary>
    public static ItemTextTimeline? For(InteractionDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!dataset.ItemTextFromEarlierReviews)
        {
            return null;
        }

        var baseTexts = dataset.Items.ToDictionary(item => item.Id, item => item.EmbeddingText(), StringComparer.Ordinal);
        var reviews = dataset.Events
            .Where(e => e.Kind == EventType.Review && !string.IsNullOrWhiteSpace(e.Text) && baseTexts.ContainsKey(e.ItemId))
            .ToList();
        for (var i = 1; i < reviews.Count; i++)
        {
            if (reviews[i].Timestamp < reviews[i - 1].Timestamp)
            {
                throw new ArgumentException("Events must be in replay order (use DatasetLoader).", nameof(dataset));
            }
        }

        return new ItemTextTimeline(reviews, baseTexts);
    }

    /// <summary>A new cursor at the beginning of time: every item has its base text.</summary>
    public ItemTextReplay Start() => new(_reviews, _baseTexts);

    /// <summary>Every text an item takes on in a full replay (for encoding them all once), without duplicates.</summary>
    public IReadOnlyList<string> AllTexts()
    {
        var replay = Start();
        var texts = new HashSet<string>(StringComparer.Ordinal);
        // The text at any moment is the one after the latest review day before it, so stepping just past each
        // review timestamp visits every version.
        foreach (var moment in _reviews.Select(review => review.Timestamp).Distinct())
        {
            foreach (var change in replay.AdvanceTo(moment.AddTicks(1)))
            {
                texts.Add(change.Text);
            }
        }

        return [.. texts.Order(StringComparer.Ordinal)];
    }
}
