using Seed.Datasets;

namespace Seed.Evaluation.ItemKnn;

/// <summary>
/// Item-to-item cosine similarities between the columns of the binary user × item matrix of positive interactions
/// (<see cref="PositiveInteraction"/>): sim(i, j) = |U_i ∩ U_j| / √(|U_i|·|U_j|), U_i being the users who liked i.
/// Stored sparse, each item's neighbours sorted by similarity (ties: lower row first) and cut at
/// <see cref="MaxNeighbours"/>, so a neighbourhood of any size up to it is a prefix of the row.
/// </summary>
public sealed class ItemSimilarities
{
    private readonly int[] _offsets;
    private readonly int[] _neighbours;
    private readonly float[] _similarities;

    private ItemSimilarities(int[] offsets, int[] neighbours, float[] similarities, int? maxNeighbours)
    {
        _offsets = offsets;
        _neighbours = neighbours;
        _similarities = similarities;
        MaxNeighbours = maxNeighbours;
    }

    /// <summary>Neighbours kept per item; null keeps every item that shares a user.</summary>
    public int? MaxNeighbours { get; }

    public int ItemCount => _offsets.Length - 1;

    /// <summary>Stored (item, neighbour) pairs.</summary>
    public long PairCount => _neighbours.LongLength;

    /// <summary>
    /// Counts co-likes in <paramref name="events"/> (events outside the catalog are ignored; repeated likes of an item
    /// by one user count once). Items are processed in parallel, each with a dense scratch row, so the cost is
    /// Σ over users of (liked items)² additions plus a sort per item.
    /// </summary>
    public static ItemSimilarities Build(ItemCatalogIndex catalog, IEnumerable<InteractionEvent> events, int? maxNeighbours = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(events);
        if (maxNeighbours is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNeighbours), maxNeighbours, "Keep at least one neighbour per item, or null for all.");
        }

        var itemsByUser = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var interaction in events)
        {
            if (PositiveInteraction.IsPositive(interaction) && catalog.TryGetRow(interaction.ItemId, out var row))
            {
                if (!itemsByUser.TryGetValue(interaction.UserId, out var items))
                {
                    items = [];
                    itemsByUser[interaction.UserId] = items;
                }

                items.Add(row);
            }
        }

        var users = itemsByUser.Values.Select(items => items.Order().ToArray()).ToArray();
        var usersByItem = new List<int>[catalog.Count];
        for (var user = 0; user < users.Length; user++)
        {
            foreach (var item in users[user])
            {
                (usersByItem[item] ??= []).Add(user);
            }
        }

        var rows = new (int[] Neighbours, float[] Similarities)[catalog.Count];
        Parallel.For(
            0,
            catalog.Count,
            () => new int[catalog.Count],
            (item, _, coLikes) =>
            {
                rows[item] = NeighboursOf(item, users, usersByItem, coLikes, maxNeighbours);
                return coLikes;
            },
            _ => { });

        var offsets = new int[catalog.Count + 1];
        for (var item = 0; item < catalog.Count; item++)
        {
            offsets[item + 1] = checked(offsets[item] + rows[item].Neighbours.Length);
        }

        var neighbours = new int[offsets[^1]];
        var similarities = new float[offsets[^1]];
        for (var item = 0; item < catalog.Count; item++)
        {
            rows[item].Neighbours.CopyTo(neighbours, offsets[item]);
            rows[item].Similarities.CopyTo(similarities, offsets[item]);
        }

        return new ItemSimilarities(offsets, neighbours, similarities, maxNeighbours);
    }

    /// <summary>The first <paramref name="count"/> neighbours of <paramref name="item"/> (all stored ones for null), most similar first.</summary>
    public (ReadOnlyMemory<int> Neighbours, ReadOnlyMemory<float> Similarities) Neighbours(int item, int? count = null)
    {
        var start = _offsets[item];
        var length = _offsets[item + 1] - start;
        if (count is { } limit && limit < length)
        {
            length = limit;
        }

        return (_neighbours.AsMemory(start, length), _similarities.AsMemory(start, length));
    }

    private static (int[] Neighbours, float[] Similarities) NeighboursOf(
        int item, int[][] users, List<int>[] usersByItem, int[] coLikes, int? maxNeighbours)
    {
        var likers = usersByItem[item];
        if (likers is null)
        {
            return ([], []);
        }

        var touched = new List<int>();
        foreach (var user in likers)
        {
            foreach (var other in users[user])
            {
                if (other != item && coLikes[other]++ == 0)
                {
                    touched.Add(other);
                }
            }
        }

        var candidates = new (float Similarity, int Neighbour)[touched.Count];
        for (var i = 0; i < touched.Count; i++)
        {
            var other = touched[i];
            candidates[i] = ((float)(coLikes[other] / Math.Sqrt((double)likers.Count * usersByItem[other].Count)), other);
            coLikes[other] = 0;
        }

        Array.Sort(candidates, (left, right) => left.Similarity != right.Similarity
            ? right.Similarity.CompareTo(left.Similarity)
            : left.Neighbour.CompareTo(right.Neighbour));
        var kept = maxNeighbours is { } limit ? Math.Min(limit, candidates.Length) : candidates.Length;
        return (candidates.Take(kept).Select(c => c.Neighbour).ToArray(), candidates.Take(kept).Select(c => c.Similarity).ToArray());
    }
}
