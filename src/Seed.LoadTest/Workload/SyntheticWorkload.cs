using System.Globalization;

namespace Seed.LoadTest.Workload;

/// <summary>
/// Generates the synthetic workload: a catalog of themed items with real words (so the encoder does real work),
/// Zipf user activity and item popularity, a mix of event types and a share of free-text searches.
/// </summary>
public sealed class SyntheticWorkload : IEventSource
{
    private static readonly (string Category, string[] Words)[] Themes =
    [
        ("Music", ["guitar", "amplifier", "drum", "piano", "microphone", "strings", "pedal", "bass", "studio", "headphones"]),
        ("Kitchen", ["knife", "skillet", "saucepan", "blender", "cutting board", "oven", "kettle", "spatula", "mixer", "wok"]),
        ("Outdoor", ["tent", "backpack", "hiking boots", "sleeping bag", "lantern", "compass", "canoe", "fishing rod", "stove", "jacket"]),
        ("Books", ["novel", "biography", "history", "poetry", "science fiction", "cookbook", "atlas", "thriller", "fantasy", "memoir"]),
        ("Toys", ["puzzle", "robot kit", "doll", "building blocks", "board game", "kite", "train set", "plush bear", "yo-yo", "drone"]),
    ];

    private static readonly string[] Adjectives = ["compact", "professional", "vintage", "lightweight", "premium", "classic", "wireless", "handmade", "portable", "deluxe"];

    // Interactions weighted roughly like a shop: many views, fewer clicks, few carts and purchases, rare dislikes.
    private static readonly (string Type, double Share)[] ItemEventMix = [("view", 0.55), ("click", 0.25), ("add_to_cart", 0.1), ("purchase", 0.07), ("dislike", 0.03)];

    private readonly ZipfSampler _users;
    private readonly ZipfSampler _items;
    private readonly double _textFraction;
    private readonly string _runId;
    private long _sequence;

    private readonly int _batchSize;

    public SyntheticWorkload(int users, int items, double zipfExponent, double textFraction, int seed, int batchSize = 1)
        : this(users, ThemedItems(items, seed), zipfExponent, textFraction, batchSize)
    {
    }

    /// <summary>A workload over given items (e.g. <see cref="RealisticCatalog"/>); item rank i is drawn ~ 1/(i+1)^s.</summary>
    public SyntheticWorkload(int users, IReadOnlyList<LoadItem> items, double zipfExponent, double textFraction, int batchSize = 1)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        UserCount = users;
        _users = new ZipfSampler(users, zipfExponent);
        _items = new ZipfSampler(items.Count, zipfExponent);
        _textFraction = textFraction;
        _batchSize = batchSize;
        _runId = Guid.NewGuid().ToString("N")[..8];
        Items = items;
    }

    public int UserCount { get; }

    public IReadOnlyList<LoadItem> Items { get; }

    public string Mode => "synthetic";

    public bool KeepsUserOrder => false;

    public long? EventCount => null;

    /// <summary>Endless: a request of independent events, each from a Zipf-drawn user, stamped now.</summary>
    public bool TryNext(Random random, out LoadEvent[] batch, out TimeSpan? due)
    {
        var now = DateTimeOffset.UtcNow;
        batch = new LoadEvent[_batchSize];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = NextEvent(random, NextUser(random), now);
        }

        due = null;
        return true;
    }

    /// <summary>The themed items of the default synthetic catalog (<c>--items N</c>).</summary>
    public static IReadOnlyList<LoadItem> ThemedItems(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => CreateItem(i, random)).ToList();
    }

    /// <summary>User ids are this prefix plus the Zipf rank (default "lt-user-"; a new prefix gives fresh users).</summary>
    public string UserPrefix { get; init; } = "lt-user-";

    /// <summary>
    /// Every search text distinct (its event's serial number appended): the encoder's cache never answers, so a
    /// free-text run measures the encoder itself. Off, the queries come from a vocabulary of a few thousand.
    /// </summary>
    public bool UniqueTexts { get; init; }

    public string UserId(int rank) => UserPrefix + rank.ToString(CultureInfo.InvariantCulture);

    public string NextUser(Random random) => UserId(_users.Next(random));

    public LoadEvent NextEvent(Random random, string userId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(random);
        var serial = Interlocked.Increment(ref _sequence);
        var id = $"lt-{_runId}-{serial}";
        if (random.NextDouble() < _textFraction)
        {
            var theme = Themes[random.Next(Themes.Length)];
            var query = $"{Adjectives[random.Next(Adjectives.Length)]} {theme.Words[random.Next(theme.Words.Length)]} {theme.Words[random.Next(theme.Words.Length)]}";
            if (UniqueTexts)
            {
                query = $"{query} no. {serial}";
            }

            return new LoadEvent(id, userId, "search", null, query, now);
        }

        var item = Items[_items.Next(random)];
        return new LoadEvent(id, userId, PickType(random), item.Id, null, now);
    }

    private static string PickType(Random random)
    {
        var draw = random.NextDouble();
        foreach (var (type, share) in ItemEventMix)
        {
            if ((draw -= share) < 0)
            {
                return type;
            }
        }

        return ItemEventMix[0].Type;
    }

    private static LoadItem CreateItem(int index, Random random)
    {
        var (category, words) = Themes[index % Themes.Length];
        var title = $"{Adjectives[random.Next(Adjectives.Length)]} {words[random.Next(words.Length)]} with {words[random.Next(words.Length)]} no. {index}";
        return new LoadItem("lt-item-" + index.ToString(CultureInfo.InvariantCulture), title, [category], []);
    }
}
