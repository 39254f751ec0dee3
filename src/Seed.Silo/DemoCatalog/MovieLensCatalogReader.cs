using System.Text;
using System.Text.RegularExpressions;
using Seed.Abstractions.Catalog;

namespace Seed.Silo.DemoCatalog;

/// <summary>
/// Reads a MovieLens "latest" folder into catalog items: title and genres from movies.csv, popularity = number of
/// ratings in ratings.csv, tags = the most frequent user tags from tags.csv.
/// </summary>
public static partial class MovieLensCatalogReader
{
    public static List<CatalogItem> Read(string folder, int tagsPerItem)
    {
        var movies = Path.Combine(folder, "movies.csv");
        if (!File.Exists(movies))
        {
            throw new FileNotFoundException($"MovieLens movies.csv not found in '{folder}'.", movies);
        }

        var popularity = new Dictionary<string, int>(StringComparer.Ordinal);
        var ratings = Path.Combine(folder, "ratings.csv");
        if (File.Exists(ratings))
        {
            foreach (var row in ReadCsv(ratings))
            {
                popularity[row[1]] = popularity.GetValueOrDefault(row[1]) + 1;
            }
        }

        var tagCounts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var tags = Path.Combine(folder, "tags.csv");
        if (File.Exists(tags))
        {
            foreach (var row in ReadCsv(tags))
            {
                var tag = row[2].Trim().ToLowerInvariant();
                if (tag.Length is 0 or > 64)
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
        }

        var items = new List<CatalogItem>();
        foreach (var row in ReadCsv(movies))
        {
            var id = row[0];
            var genres = row[2] == "(no genres listed)" ? [] : row[2].Split('|', StringSplitOptions.RemoveEmptyEntries);
            var topTags = tagCounts.TryGetValue(id, out var counts)
                ? counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Take(tagsPerItem).Select(pair => pair.Key).ToList()
                : [];
            items.Add(new CatalogItem
            {
                Id = id,
                Title = row[1],
                Categories = genres,
                Tags = topTags,
                Popularity = popularity.GetValueOrDefault(id),
                CreatedAt = ReleaseYear(row[1]),
            });
        }

        return items;
    }

    /// <summary>RFC 4180 rows after the header line (titles contain quoted commas).</summary>
    public static IEnumerable<string[]> ReadCsv(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return SplitCsvLine(line);
            }
        }
    }

    public static string[] SplitCsvLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    private static DateTimeOffset? ReleaseYear(string title)
    {
        var match = YearPattern().Match(title);
        return match.Success && int.TryParse(match.Groups[1].Value, out var year) && year is > 1800 and < 3000
            ? new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero)
            : null;
    }

    [GeneratedRegex(@"\((\d{4})\)\s*$")]
    private static partial Regex YearPattern();
}
