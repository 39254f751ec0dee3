using System.Globalization;
using Seed.Abstractions;

namespace Seed.Datasets;

/// <summary>
/// Reads the MovieLens "latest" layout (ml-latest-small, ml-latest, ml-25m, ml-32m): movies.csv (movieId,title,genres),
/// ratings.csv (userId,movieId,rating,timestamp) and optionally tags.csv (userId,movieId,tag,timestamp), all RFC 4180 CSV
/// with unix-second timestamps. Used by <see cref="DatasetLoader"/> and by the silo's demo catalog.
/// </summary>
public static class MovieLensLatestReader
{
    /// <summary>The file that identifies the layout, with <see cref="RatingsFileName"/>.</summary>
    public const string MoviesFileName = "movies.csv";

    /// <summary>Star ratings.</summary>
    public const string RatingsFileName = "ratings.csv";

    /// <summary>Optional free-text user tags.</summary>
    public const string TagsFileName = "tags.csv";

    // MovieLens writes this literal genre for movies without any; it is not a category.
    private const string NoGenres = "(no genres listed)";

    // Longer "tags" are sentences, not labels; they would dominate a short item text.
    private const int MaxItemTagLength = 64;

    /// <summary>True when <paramref name="folder"/> holds movies.csv and ratings.csv.</summary>
    public static bool Matches(string folder) =>
        File.Exists(Path.Combine(folder, MoviesFileName)) && File.Exists(Path.Combine(folder, RatingsFileName));

    /// <summary>
    /// Items from movies.csv; with <paramref name="tagsPerItem"/> &gt; 0, each gets its most frequent user tags from
    /// tags.csv (lower-cased; ties by ordinal order), counted over the whole file.
    /// </summary>
    public static List<DatasetItem> ReadItems(string folder, int tagsPerItem)
    {
        var moviesPath = Path.Combine(folder, MoviesFileName);
        if (!File.Exists(moviesPath))
        {
            throw new FileNotFoundException($"MovieLens {MoviesFileName} not found in '{folder}'.", moviesPath);
        }

        var topTags = tagsPerItem > 0 ? TopTagsPerItem(Path.Combine(folder, TagsFileName), tagsPerItem) : [];
        var items = new List<DatasetItem>();
        foreach (var row in CsvFile.ReadRows(moviesPath))
        {
            var id = row[0];
            string[] genres = row[2] == NoGenres ? [] : row[2].Split('|', StringSplitOptions.RemoveEmptyEntries);
            items.Add(new DatasetItem(id, row[1], genres, topTags.GetValueOrDefault(id) ?? []));
        }

        return items;
    }

    /// <summary>Rating events (file order), then tag events (file order) when tags.csv exists.</summary>
    public static List<InteractionEvent> ReadEvents(string folder)
    {
        var events = new List<InteractionEvent>();
        foreach (var row in CsvFile.ReadRows(Path.Combine(folder, RatingsFileName)))
        {
            events.Add(RatingEvent(row[0], row[1], row[2], row[3]));
        }

        var tagsPath = Path.Combine(folder, TagsFileName);
        if (File.Exists(tagsPath))
        {
            foreach (var row in CsvFile.ReadRows(tagsPath))
            {
                events.Add(new InteractionEvent(row[0], row[1], UnixSeconds(row[3]), EventType.Tag, null, row[2]));
            }
        }

        return events;
    }

    /// <summary>A rating event from the four text fields every MovieLens ratings file has (user, item, stars, unix seconds).</summary>
    internal static InteractionEvent RatingEvent(string userId, string itemId, string stars, string unixSeconds) =>
        new(userId, itemId, UnixSeconds(unixSeconds), EventType.Rating, float.Parse(stars, CultureInfo.InvariantCulture), null);

    /// <summary>Parses a unix-seconds timestamp field.</summary>
    private static DateTimeOffset UnixSeconds(string field) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(field, NumberStyles.Integer, CultureInfo.InvariantCulture));

    private static Dictionary<string, IReadOnlyList<string>> TopTagsPerItem(string tagsPath, int tagsPerItem)
    {
        var tagCounts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        if (!File.Exists(tagsPath))
        {
            return [];
        }

        foreach (var row in CsvFile.ReadRows(tagsPath))
        {
            var tag = row[2].Trim().ToLowerInvariant();
            if (tag.Length is 0 or > MaxItemTagLength)
            {
                continue;
            }

            if (!tagCounts.TryGetValue(row[1], out var counts))
            {
                counts = new Dictionary<string, int>(StringComparer.Ordinal);
                tagCounts[row[1]] = counts;
            }

            counts[tag] = counts.GetValueOrDefault(tag) + 1;
        }

        return tagCounts.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<string>)[.. pair.Value.OrderByDescending(tag => tag.Value).ThenBy(tag => tag.Key, StringComparer.Ordinal).Take(tagsPerItem).Select(tag => tag.Key)],
            StringComparer.Ordinal);
    }
}
