using Seed.Core.Interest;
using Seed.Datasets;

namespace Seed.Training;

/// <summary>
/// Everything the trainer reads: the catalog's text embeddings, each user's event sequence up to the evaluation
/// split (the test period is never seen), the validation cut inside that history, and the popularity timeline.
/// Features are built by the serving code itself (<see cref="EventFeatures"/>, <see cref="InterestOptions.WeightFor"/>,
/// <see cref="ItemCatalogIndex.EventEmbedding(int, string?)"/>), so training and serving cannot drift apart.
/// <para>Where item texts come from earlier reviews (<see cref="ItemCatalogIndex.ItemTexts"/>), each event's input uses its
/// item's text as of the event (reviews strictly before it, as the replay and the cluster see it), and the candidate
/// items a target is ranked against use their texts as of the start of the target's popularity bucket
/// (<see cref="ItemRowsByBucket"/>): never a review from the target's own day or later.</para>
/// </summary>
internal sealed class TrainingCorpus
{
    private TrainingCorpus(
        ItemCatalogIndex catalog,
        IReadOnlyList<UserSequence> users,
        double validationStart,
        double historyEnd,
        PopularityTimeline popularity,
        int historyEvents,
        float[]? itemRowsByBucket)
    {
        Catalog = catalog;
        Users = users;
        ValidationStart = validationStart;
        HistoryEnd = historyEnd;
        Popularity = popularity;
        HistoryEvents = historyEvents;
        ItemRowsByBucket = itemRowsByBucket;
    }

    public ItemCatalogIndex Catalog { get; }

    public IReadOnlyList<UserSequence> Users { get; }

    /// <summary>Targets at or after this time (seconds) are validation, before it training.</summary>
    public double ValidationStart { get; }

    /// <summary>The evaluation split time (seconds): nothing at or after it is in the corpus.</summary>
    public double HistoryEnd { get; }

    public PopularityTimeline Popularity { get; }

    public int HistoryEvents { get; }

    /// <summary>
    /// Row-major [<see cref="PopularityTimeline.BucketCount"/>, catalog rows, D]: every item's embedding as of each
    /// popularity bucket's start, for data sets whose item texts change; null when they are fixed (<see cref="ItemCatalogIndex.Rows"/>).
    /// </summary>
    public float[]? ItemRowsByBucket { get; }

    public int EmbeddingDim => Catalog.Dimension;

    public int InputSize => EventFeatures.InputSize(Catalog.Dimension);

    public int TrainingTargets => Users.Sum(user => Enumerable.Range(0, user.Length).Count(i => IsTrainingTarget(user, i)));

    public int ValidationTargets => Users.Sum(user => Enumerable.Range(0, user.Length).Count(i => IsValidationTarget(user, i)));

    /// <summary>Event <paramref name="index"/> predicts a positive event that happened before the validation slice.</summary>
    public bool IsTrainingTarget(UserSequence user, int index) => user.Targets[index] >= 0 && user.TargetTimes[index] < ValidationStart;

    /// <summary>Event <paramref name="index"/> predicts a positive event inside the validation slice.</summary>
    public bool IsValidationTarget(UserSequence user, int index) => user.Targets[index] >= 0 && user.TargetTimes[index] >= ValidationStart;

    /// <summary>
    /// Builds the corpus from <paramref name="events"/> (time-ordered): history = before the <paramref name="splitQuantile"/>
    /// of timestamps (the evaluation's split), validation = the last <paramref name="validationShare"/> of that history.
    /// </summary>
    public static TrainingCorpus Build(
        IReadOnlyList<InteractionEvent> events, ItemCatalogIndex catalog, InterestOptions options, double splitQuantile, double validationShare, int popularityBuckets)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        var split = ChronologicalSplit.AtQuantile(events, splitQuantile);
        var validation = ChronologicalSplit.AtQuantile(split.History, 1 - validationShare);
        var origin = events[0].Timestamp;
        double Seconds(DateTimeOffset time) => (time - origin).TotalSeconds;

        // One pass in global time order, so each event's item embedding is the item's text as of that event.
        var byUser = new Dictionary<string, List<(InteractionEvent Interaction, float[] Embedding)>>(StringComparer.Ordinal);
        var positives = new List<(double Time, int Row)>();
        var itemTexts = catalog.ItemTexts?.Start();
        var liveRows = new LiveCatalogRows(catalog);
        foreach (var interaction in split.History)
        {
            AdvanceItemTexts(itemTexts, liveRows, interaction.Timestamp);
            if (!catalog.TryGetRow(interaction.ItemId, out var row))
            {
                continue;
            }

            if (!byUser.TryGetValue(interaction.UserId, out var list))
            {
                byUser[interaction.UserId] = list = [];
            }

            list.Add((interaction, liveRows.EventEmbedding(row, interaction.Text)));
            if (options.WeightFor(interaction.Kind, interaction.Rating) > 0)
            {
                positives.Add((Seconds(interaction.Timestamp), row));
            }
        }

        var inputSize = EventFeatures.InputSize(catalog.Dimension);
        var users = new List<UserSequence>(byUser.Count);
        foreach (var (userId, list) in byUser.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var n = list.Count;
            var features = new float[n * inputSize];
            var times = new double[n];
            var weights = new float[n];
            var rows = new int[n];
            var targets = new int[n];
            var targetTimes = new double[n];
            DateTimeOffset? previous = null;
            for (var i = 0; i < n; i++)
            {
                var (interaction, embedding) = list[i];
                catalog.TryGetRow(interaction.ItemId, out rows[i]);
                weights[i] = options.WeightFor(interaction.Kind, interaction.Rating);
                times[i] = Seconds(interaction.Timestamp);
                var gap = previous is { } last ? (interaction.Timestamp - last).TotalSeconds : 0;
                EventFeatures.Build(
                    embedding, interaction.Kind, weights[i], gap, interaction.Timestamp,
                    features.AsSpan(i * inputSize, inputSize));
                previous = interaction.Timestamp;
                targets[i] = -1;
                if (i + 1 < n && PositiveInteraction.IsPositive(list[i + 1].Interaction))
                {
                    catalog.TryGetRow(list[i + 1].Interaction.ItemId, out targets[i]);
                    targetTimes[i] = Seconds(list[i + 1].Interaction.Timestamp);
                }
            }

            users.Add(new UserSequence
            {
                UserId = userId,
                Features = features,
                Times = times,
                Weights = weights,
                Rows = rows,
                Targets = targets,
                TargetTimes = targetTimes,
            });
        }

        var popularity = new PopularityTimeline(positives, catalog.Count, popularityBuckets);
        return new TrainingCorpus(
            catalog, users, Seconds(validation.SplitTime), Seconds(split.SplitTime), popularity, users.Sum(user => user.Length),
            ItemRowsAtBucketStarts(catalog, popularity, origin));
    }

    private static void AdvanceItemTexts(ItemTextReplay? itemTexts, LiveCatalogRows rows, DateTimeOffset moment)
    {
        foreach (var change in itemTexts?.AdvanceTo(moment) ?? [])
        {
            rows.Replace(change.ItemId, change.Text);
        }
    }

    // The catalog as it stood at each bucket's start: reviews strictly before it, the same "strictly before" as the counts.
    private static float[]? ItemRowsAtBucketStarts(ItemCatalogIndex catalog, PopularityTimeline popularity, DateTimeOffset origin)
    {
        if (catalog.ItemTexts is not { } timeline)
        {
            return null;
        }

        var itemTexts = timeline.Start();
        var rows = new LiveCatalogRows(catalog);
        var result = new float[popularity.BucketCount * rows.Rows.Length];
        for (var bucket = 0; bucket < popularity.BucketCount; bucket++)
        {
            var start = popularity.BucketStarts[bucket];
            if (!double.IsNegativeInfinity(start))
            {
                AdvanceItemTexts(itemTexts, rows, origin.AddSeconds(start));
            }

            rows.Rows.CopyTo(result, bucket * rows.Rows.Length);
        }

        return result;
    }
}
