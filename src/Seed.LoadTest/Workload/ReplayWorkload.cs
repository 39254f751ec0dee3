using System.Globalization;
using Seed.Abstractions;
using Seed.Datasets;

namespace Seed.LoadTest.Workload;

/// <summary>
/// Replays a data set's events in time order (<see cref="ReplaySchedule"/>). User ids get a per-run prefix, so every
/// replay starts from fresh users: replaying into users who already hold the data set's last timestamp would make
/// every event "late" and every event id a duplicate. Review data sets (Amazon) send each review with its text and
/// describe items by their earlier reviews: the catalog starts with each item's base text (its asin) and
/// <see cref="ItemUpdates"/> carries every later text, for <see cref="Targets.ItemTextRefreshingTarget"/>.
/// </summary>
public sealed class ReplayWorkload : IEventSource
{
    /// <summary>
    /// The REST API's limit on a text (<c>Seed:Api:MaxTextLength</c>, 4,096 characters): longer review texts (42 of the
    /// Amazon file's 10,261) are cut to it, which leaves the encoder's input unchanged, since it keeps only the first
    /// 256 tokens, far fewer characters (a Seed.LoadTest test checks this on every review of the file).
    /// </summary>
    public const int MaxTextLength = Seed.Abstractions.Events.EventLimits.DefaultMaxTextLength;

    private readonly ReplaySchedule _schedule;
    private int _next;

    public ReplayWorkload(InteractionDataset dataset, int batchSize, double? speedup, string userPrefix)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(userPrefix);
        DatasetName = dataset.Name;
        var popularity = new Dictionary<string, int>(StringComparer.Ordinal);
        var events = new List<LoadEvent>(dataset.Events.Count);
        foreach (var interaction in dataset.Events)
        {
            if (interaction.Kind is EventType.Rating or EventType.Review)
            {
                popularity[interaction.ItemId] = popularity.GetValueOrDefault(interaction.ItemId) + 1;
            }

            // The API refuses a text event without text (a blank MovieLens tag); skip it rather than fail a whole request.
            if (NeedsText(interaction.Kind) && string.IsNullOrWhiteSpace(interaction.Text))
            {
                Skipped++;
                continue;
            }

            var id = userPrefix + "e" + events.Count.ToString(CultureInfo.InvariantCulture);
            var text = interaction.Text is { Length: > MaxTextLength } longText ? longText[..MaxTextLength] : interaction.Text;
            events.Add(new LoadEvent(id, userPrefix + interaction.UserId, EventTypeNames.WireName(interaction.Kind), interaction.ItemId, text, interaction.Timestamp, interaction.Rating));
        }

        Items = [.. dataset.Items.Select(item => new LoadItem(item.Id, item.Title, item.Categories, item.Tags, popularity.GetValueOrDefault(item.Id)))];
        ItemUpdates = TextUpdates(dataset, popularity);
        _schedule = new ReplaySchedule(events, batchSize, speedup);
    }

    public string Mode => "replay";

    public string DatasetName { get; }

    public IReadOnlyList<LoadItem> Items { get; }

    public bool KeepsUserOrder => true;

    public long? EventCount => _schedule.EventCount;

    /// <summary>Item text changes in time order (empty when the data set's item texts are fixed).</summary>
    public IReadOnlyList<ItemUpdate> ItemUpdates { get; }

    /// <summary>Data set events left out because the API would refuse them (text events without text).</summary>
    public int Skipped { get; }

    /// <summary>How long the whole replay takes at the speed-up, if one was given.</summary>
    public TimeSpan? Length => _schedule.Length;

    public bool TryNext(Random random, out LoadEvent[] batch, out TimeSpan? due)
    {
        if (_next >= _schedule.BatchCount)
        {
            batch = [];
            due = null;
            return false;
        }

        batch = _schedule.Batch(_next);
        due = _schedule.DueAt(_next);
        _next++;
        return true;
    }

    // After each review day, the items reviewed that day get their new text (the same ReviewItemText the evaluation uses).
    private static List<ItemUpdate> TextUpdates(InteractionDataset dataset, Dictionary<string, int> popularity)
    {
        if (ItemTextTimeline.For(dataset) is not { } timeline)
        {
            return [];
        }

        var replay = timeline.Start();
        var updates = new List<ItemUpdate>();
        foreach (var day in dataset.Events.Select(e => e.Timestamp).Distinct())
        {
            var changes = replay.AdvanceTo(day.AddTicks(1));
            if (changes.Count > 0)
            {
                updates.Add(new ItemUpdate(day, [.. changes.Select(change => new LoadItem(change.ItemId, change.ItemId, [], [], popularity.GetValueOrDefault(change.ItemId), change.Text))]));
            }
        }

        return updates;
    }

    private static bool NeedsText(EventType kind) => kind is EventType.Search or EventType.Review or EventType.Tag;
}
