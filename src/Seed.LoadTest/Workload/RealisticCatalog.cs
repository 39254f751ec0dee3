using System.Globalization;

namespace Seed.LoadTest.Workload;

/// <summary>
/// A large catalog (<c>--catalog-items N</c>) whose text is made of real words: each item recombines the first half
/// of one data set title with the second half of another, takes the first title's genres (sometimes one of the
/// second's too) and up to two of the data set's user tags. Made-up ids and a themed vocabulary would give the encoder
/// and the category filters an unrealistically easy job; recombined MovieLens text has the real vocabulary, lengths
/// and genre mix. Deterministic for a seed, so re-runs upsert the same items.
/// </summary>
public static class RealisticCatalog
{
    public const string IdPrefix = "lt-ml-";

    /// <summary><paramref name="count"/> items with ids <paramref name="idPrefix"/> plus their index (<see cref="IdPrefix"/> by default).</summary>
    public static IReadOnlyList<LoadItem> Build(IReadOnlyList<LoadItem> source, int count, int seed, string idPrefix = IdPrefix)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (source.Count == 0)
        {
            throw new ArgumentException("The source data set has no items to take words from.", nameof(source));
        }

        var random = new Random(seed);
        var titles = source.Select(item => TitleWords(item.Title)).ToList();
        var tags = source.SelectMany(item => item.Tags).Distinct(StringComparer.Ordinal).ToList();
        var items = new List<LoadItem>(count);
        for (var i = 0; i < count; i++)
        {
            var a = random.Next(source.Count);
            var b = random.Next(source.Count);
            var head = titles[a].Take((titles[a].Length + 1) / 2);
            var tail = titles[b].Skip(titles[b].Length / 2);
            var year = random.Next(1930, 2024).ToString(CultureInfo.InvariantCulture);
            var title = $"{string.Join(' ', head.Concat(tail))} ({year})";
            var categories = source[a].Categories.ToList();
            if (source[b].Categories.Count > 0 && random.NextDouble() < 0.5)
            {
                var extra = source[b].Categories[random.Next(source[b].Categories.Count)];
                if (!categories.Contains(extra, StringComparer.OrdinalIgnoreCase))
                {
                    categories.Add(extra);
                }
            }

            var itemTags = tags.Count == 0 ? [] : Enumerable.Range(0, random.Next(3)).Select(_ => tags[random.Next(tags.Count)]).Distinct(StringComparer.Ordinal).ToList();
            // Popularity falls with the rank, like the Zipf draw of the synthetic events over the same items.
            items.Add(new LoadItem(idPrefix + i.ToString(CultureInfo.InvariantCulture), title, categories, itemTags, Math.Round(1000.0 / (i + 1), 3)));
        }

        return items;
    }

    /// <summary>Title words without MovieLens' trailing "(1995)".</summary>
    private static string[] TitleWords(string title)
    {
        var open = title.LastIndexOf('(');
        var bare = open > 0 && title.EndsWith(')') ? title[..open] : title;
        var words = bare.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length > 0 ? words : [title];
    }
}
