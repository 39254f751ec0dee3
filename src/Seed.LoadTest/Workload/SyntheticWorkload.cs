using System.Globalization;

namespace Seed.LoadTest.Workload;

/// <summary>
/// Generates the synthetic workload: a catalog of themed items with real words (so the encoder does real work),
/// Zipf user activity and item popularity, a mix of event types and a share of free-text searches.
/// </summary>
public sealed class SyntheticWorkload
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

    public SyntheticWorkload(int users, int items, double zipfExponent, double textFraction, int seed)
    {
        UserCount = users;
        _users = new ZipfSampler(users, zipfExponent);
        _items = new ZipfSampler(items, zipfExponent);
        _textFraction = textFraction;
        _runId = Guid.NewGuid().ToString("N")[..8];
        var random = new Random(seed);
        Items = Enumerable.Range(0, items).Select(i => CreateItem(i, random)).ToList();
    }

    public int UserCount { get; }

    public IReadOnlyList<SyntheticItem> Items { get; }

    public string UserId(int rank) => "lt-user-" + rank.ToString(CultureInfo.InvariantCulture);

    public string NextUser(Random random) => UserId(_users.Next(random));

    public SyntheticEvent NextEvent(Random random, string userId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(random);
        var id = $"lt-{_runId}-{Interlocked.Increment(ref _sequence)}";
        if (random.NextDouble() < _textFraction)
        {
            var theme = Themes[random.Next(Themes.Length)];
            var query = $"{Adjectives[random.Next(Adjectives.Length)]} {theme.Words[random.Next(theme.Words.Length)]} {theme.Words[random.Next(theme.Words.Length)]}";
            return new SyntheticEvent(id, userId, "search", null, query, now);
        }

        var item = Items[_items.Next(random)];
        return new SyntheticEvent(id, userId, PickType(random), item.Id, null, now);
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

    private static SyntheticItem CreateItem(int index, Random random)
    {
        var (category, words) = Themes[index % Themes.Length];
        var title = $"{Adjectives[random.Next(Adjectives.Length)]} {words[random.Next(words.Length)]} with {words[random.Next(words.Length)]} no. {index}";
        return new SyntheticItem("lt-item-" + index.ToString(CultureInfo.InvariantCulture), title, category);
    }
}
