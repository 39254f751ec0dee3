using Seed.Abstractions.Catalog;
using Seed.Abstractions.Events;
using Seed.Core.Ranking;
using Seed.Datasets;

namespace Seed.Evaluation.Online;

/// <summary>
/// The replay sent through a running cluster: interactions become events (user grain: LSTM step, interest vectors,
/// popularity counts in the catalog shards), rankings come back from the cluster's own recommendation and rank calls.
/// Nothing is computed here, so equal metrics to the offline <see cref="InterestTrackerRecommender"/> show that
/// serving and evaluation run the same model on the same inputs.
/// <para>
/// The replay protocol is sequential (every ranking must see exactly the events before it, other users' included,
/// through the popularity counts), so the calls are made one after the other and waited for synchronously. Events
/// are buffered until the next ranking and then sent per user in order, users in parallel: the order across users
/// between two rankings cannot change any ranking. Parity needs a single silo (a user grain's popularity report
/// to a shard is one-way and, on one silo, arrives before the acknowledged user's next request) and a fresh catalog.
/// </para>
/// </summary>
public sealed class ClusterRecommender : IRecommenderUnderTest
{
    /// <summary>Users sent to in parallel while flushing buffered events.</summary>
    private const int FlushParallelism = 8;

    private readonly IEvaluationCluster _cluster;
    private readonly ItemCatalogIndex _catalog;
    private readonly string _userPrefix;
    private readonly List<InteractionEvent> _pending = [];
    private readonly Dictionary<string, string> _pendingItemTexts = new(StringComparer.Ordinal);
    /// <summary>Items per user until the one seen-window check after the first flush; null once checked (nothing more to track).</summary>
    private Dictionary<string, HashSet<string>>? _seenItems = new(StringComparer.Ordinal);
    private long _nextEventId;

    /// <param name="name">Reported model name.</param>
    /// <param name="cluster">The cluster, already holding the catalog (<see cref="PrepareCatalogAsync"/>).</param>
    /// <param name="catalog">The evaluation's catalog: maps the cluster's item ids back to rows.</param>
    /// <param name="userPrefix">Prepended to every user id so that a replay starts from fresh users on a shared cluster.</param>
    public ClusterRecommender(string name, IEvaluationCluster cluster, ItemCatalogIndex catalog, string userPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(userPrefix);
        Name = name;
        _cluster = cluster;
        _catalog = catalog;
        _userPrefix = userPrefix;
    }

    public string Name { get; }

    /// <summary>
    /// Loads the data set's items into the cluster with no prior popularity, embedding the same text the offline
    /// catalog embeds, then checks that the catalog has no interaction counts yet (a cluster that served traffic
    /// ranks by counts the replay never saw). Throws <see cref="InvalidOperationException"/> when it has.
    /// </summary>
    public static async Task PrepareCatalogAsync(IEvaluationCluster cluster, IReadOnlyList<DatasetItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(items);
        await cluster.UpsertItemsAsync(
            [.. items.Select(item => new CatalogItem { Id = item.Id, Title = item.Title, Text = item.EmbeddingText(), Categories = item.Categories, Tags = item.Tags })],
            cancellationToken);
        // A new user is ranked by popularity: on a fresh catalog every item scores 0 there.
        var cold = await cluster.RecommendAsync("seed-evaluation-probe-" + Guid.NewGuid().ToString("N"), 1, cancellationToken);
        if (cold.Items is [{ Score: > 0 } counted, ..])
        {
            throw new InvalidOperationException(
                $"The cluster's catalog already counts interactions (item '{counted.ItemId}' has popularity {counted.Score}), so it would not rank "
                + "as the replay does. Run the online evaluation against a fresh silo (in-memory storage, restarted), e.g. "
                + "dotnet run -c Release --project src/Seed.Silo -- --Seed:Users:RecentItemCount=100000");
        }
    }

    public void Observe(InteractionEvent interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        // Item texts announced before this event must be in the catalog before the grain looks the item up.
        FlushItemTexts();
        _pending.Add(interaction);
        if (_seenItems is null)
        {
            return;
        }

        if (!_seenItems.TryGetValue(interaction.UserId, out var seen))
        {
            seen = new HashSet<string>(StringComparer.Ordinal);
            _seenItems[interaction.UserId] = seen;
        }

        seen.Add(interaction.ItemId);
    }

    /// <summary>
    /// Events buffered so far were made with the old text, so they go first; the new texts are then upserted in one
    /// call before the next event or ranking (the order the offline models see: old events, new rows, later calls).
    /// </summary>
    public void ItemTextChanged(string itemId, string text)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        ArgumentNullException.ThrowIfNull(text);
        FlushEvents();
        _pendingItemTexts[itemId] = text;
    }

    public IReadOnlyList<int> Recommend(string userId, int k, RowBitSet exclude)
    {
        ArgumentNullException.ThrowIfNull(exclude);
        Flush();
        var result = Wait(_cluster.RecommendAsync(_userPrefix + userId, k, CancellationToken.None));
        var rows = new List<int>(result.Items.Count);
        foreach (var itemId in result.Items.Select(item => item.ItemId))
        {
            if (!_catalog.TryGetRow(itemId, out var row))
            {
                throw new InvalidOperationException($"The cluster recommended item '{itemId}', which is not in the evaluated data set: its catalog holds other items.");
            }

            if (exclude.Contains(row))
            {
                throw new InvalidOperationException($"The cluster recommended item '{itemId}' to user '{userId}', who has interacted with it: its seen-item window is too short for this replay.");
            }

            rows.Add(row);
        }

        return rows;
    }

    public int RankOf(string userId, int row, RowBitSet exclude)
    {
        Flush();
        var itemId = _catalog.ItemIds[row];
        var rank = Wait(_cluster.RankAsync(_userPrefix + userId, itemId, CancellationToken.None));
        return rank > 0
            ? rank
            : throw new InvalidOperationException($"The cluster excludes item '{itemId}' for user '{userId}', who has not interacted with it.");
    }

    // Blocking is deliberate: the replay is a strictly sequential protocol on a console thread (no synchronisation
    // context, so no deadlock), and one synchronous replay loop serves the offline and online models alike.
    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    // At most one of the two buffers is non-empty (each flushes the other before it grows), so the order is kept.
    private void Flush()
    {
        FlushItemTexts();
        FlushEvents();
    }

    private void FlushItemTexts()
    {
        if (_pendingItemTexts.Count == 0)
        {
            return;
        }

        var items = _pendingItemTexts.Select(pair => new CatalogItem { Id = pair.Key, Title = pair.Key, Text = pair.Value }).ToList();
        _pendingItemTexts.Clear();
        _cluster.UpsertItemsAsync(items, CancellationToken.None).GetAwaiter().GetResult();
    }

    private void FlushEvents()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var byUser = _pending.GroupBy(e => e.UserId, StringComparer.Ordinal)
            .Select(group => (UserId: group.Key, Events: group.Select(ToUserEvent).ToList()))
            .ToList();
        _pending.Clear();
        Parallel.ForEachAsync(byUser, new ParallelOptions { MaxDegreeOfParallelism = FlushParallelism }, async (user, cancellationToken) =>
            await _cluster.SendEventsAsync(_userPrefix + user.UserId, user.Events, cancellationToken)).GetAwaiter().GetResult();
        if (_seenItems is not null)
        {
            CheckSeenWindow(_seenItems);
            _seenItems = null;
        }
    }

    /// <summary>
    /// The offline protocol excludes every item a user ever touched; the cluster excludes its seen-item window
    /// (Seed:Users:RecentItemCount). Checked once, on the user with the most items, so a short window fails loudly
    /// here instead of quietly changing the metrics.
    /// </summary>
    private void CheckSeenWindow(Dictionary<string, HashSet<string>> seenItems)
    {
        var (userId, seen) = seenItems.MaxBy(pair => pair.Value.Count);
        var kept = Wait(_cluster.SeenItemCountAsync(_userPrefix + userId, CancellationToken.None));
        if (kept < seen.Count)
        {
            throw new InvalidOperationException(
                $"User '{userId}' has interacted with {seen.Count} items but the cluster keeps only {kept} as seen. "
                + $"Start the silo with Seed:Users:RecentItemCount of at least {seen.Count} (e.g. --Seed:Users:RecentItemCount=100000).");
        }
    }

    private UserEvent ToUserEvent(InteractionEvent interaction) => new()
    {
        EventId = "e" + (++_nextEventId).ToString(System.Globalization.CultureInfo.InvariantCulture),
        // EventType and EventType share their numbering (both are the persisted/trained vocabulary).
        Type = interaction.Kind,
        ItemId = interaction.ItemId,
        // The REST API's default limit; the cut never changes what the encoder sees (it keeps the first 256 tokens).
        Text = interaction.Text is { Length: > EventLimits.DefaultMaxTextLength } text ? text[..EventLimits.DefaultMaxTextLength] : interaction.Text,
        Timestamp = interaction.Timestamp,
        Rating = interaction.Rating,
    };
}
