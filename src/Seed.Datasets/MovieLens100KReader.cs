using System.Globalization;

namespace Seed.Datasets;

/// <summary>
/// Reads the MovieLens 100K layout: u.data (tab-separated user, item, rating, unix timestamp), u.item (pipe-separated,
/// Latin-1: id | title | release date | video release date | IMDb URL | 19 genre flags) and optionally u.genre
/// (name|index lines) for the genre names.
/// </summary>
internal static class MovieLens100KReader
{
    public const string RatingsFileName = "u.data";
    public const string ItemsFileName = "u.item";
    public const string GenresFileName = "u.genre";

    // The genre flags start after id, title, release date, video release date and URL.
    private const int FirstGenreField = 5;

    /// <summary>The genre names of the published data set, in flag order (used when u.genre is absent).</summary>
    internal static readonly string[] StandardGenres =
    [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    public static bool Matches(string folder) =>
        File.Exists(Path.Combine(folder, RatingsFileName)) && File.Exists(Path.Combine(folder, ItemsFileName));

    public static (List<DatasetItem> Items, List<InteractionEvent> Events) Read(string folder)
    {
        var genres = ReadGenreNames(Path.Combine(folder, GenresFileName));
        var items = new List<DatasetItem>();
        foreach (var line in File.ReadLines(Path.Combine(folder, ItemsFileName), System.Text.Encoding.Latin1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('|');
            var categories = new List<string>();
            for (var flag = 0; flag < genres.Count && FirstGenreField + flag < fields.Length; flag++)
            {
                // "unknown" is the data set's way of saying "no genre", not a genre.
                if (fields[FirstGenreField + flag] == "1" && !string.Equals(genres[flag], "unknown", StringComparison.Ordinal))
                {
                    categories.Add(genres[flag]);
                }
            }

            items.Add(new DatasetItem(fields[0], fields[1], categories, []));
        }

        var events = new List<InteractionEvent>();
        foreach (var line in File.ReadLines(Path.Combine(folder, RatingsFileName)))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            events.Add(MovieLensLatestReader.RatingEvent(fields[0], fields[1], fields[2], fields[3]));
        }

        return (items, events);
    }

    private static List<string> ReadGenreNames(string path)
    {
        if (!File.Exists(path))
        {
            return [.. StandardGenres];
        }

        // Lines are "name|index"; order by index so that flag positions match even if the file is reordered.
        return
        [
            .. File.ReadLines(path, System.Text.Encoding.Latin1)
                .Where(line => line.Contains('|', StringComparison.Ordinal))
                .Select(line => line.Split('|'))
                .OrderBy(parts => int.Parse(parts[1], CultureInfo.InvariantCulture))
                .Select(parts => parts[0]),
        ];
    }
}
