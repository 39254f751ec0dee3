namespace Seed.Datasets;

/// <summary>
/// A global time split: every event strictly before <see cref="SplitTime"/> is history, every event at or after it is
/// test. One cut for all users (not a per-user leave-last-out), so no model ever sees an interaction that happened
/// after one it is asked to predict, and events sharing the split second all land on the test side.
/// </summary>
/// <param name="History">Events before the split, in replay order.</param>
/// <param name="Test">Events at or after the split, in replay order.</param>
/// <param name="SplitTime">The timestamp at the requested quantile of event timestamps.</param>
public sealed record ChronologicalSplit(IReadOnlyList<InteractionEvent> History, IReadOnlyList<InteractionEvent> Test, DateTimeOffset SplitTime)
{
    /// <summary>Splits time-ordered <paramref name="events"/> at the <paramref name="quantile"/> (e.g. 0.8) of their timestamps.</summary>
    public static ChronologicalSplit AtQuantile(IReadOnlyList<InteractionEvent> events, double quantile)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("Cannot split an empty event list.", nameof(events));
        }

        if (quantile is <= 0 or >= 1 || double.IsNaN(quantile))
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "The split quantile must lie strictly between 0 and 1.");
        }

        var splitTime = events[(int)Math.Floor(quantile * (events.Count - 1))].Timestamp;
        var history = new List<InteractionEvent>();
        var test = new List<InteractionEvent>();
        DateTimeOffset previous = DateTimeOffset.MinValue;
        foreach (var interaction in events)
        {
            if (interaction.Timestamp < previous)
            {
                throw new ArgumentException("Events must be sorted by timestamp (use DatasetLoader).", nameof(events));
            }

            previous = interaction.Timestamp;
            (interaction.Timestamp < splitTime ? history : test).Add(interaction);
        }

        return new ChronologicalSplit(history, test, splitTime);
    }
}
