using System.Text.RegularExpressions;
using Seed.Abstractions;
using Seed.Abstractions.Catalog;
using Seed.Datasets;

namespace Seed.Silo.DemoCatalog;

/// <summary>
/// Turns a MovieLens "latest" folder into catalog items through the shared <see cref="MovieLensLatestReader"/>: title and
/// genres from movies.csv, popularity = number of ratings in ratings.csv, tags = the most frequent user tags from tags.csv.
/// </summary>
public static partial class MovieLensCatalogReader
{
    public static List<CatalogItem> Read(string folder, int tagsPerItem)
    {
        var popularity = new Dictionary<string, int>(StringComparer.Ordinal);
        if (File.Exists(Path.Combine(folder, MovieLensLatestReader.RatingsFileName)))
        {
            foreach (var interaction in MovieLensLatestReader.ReadEvents(folder).Where(e => e.Kind == EventType.Rating))
            {
                popularity[interaction.ItemId] = popularity.GetValueOrDefault(interaction.ItemId) + 1;
            }
        }

        return
        [
            .. MovieLensLatestReader.ReadItems(folder, tagsPerItem).Select(item => new CatalogItem
            {
                Id = item.Id,
                Title = item.Title,
                // Arrays, not collection expressions: those make a compiler-generated list type that the Memory
                // storage's JSON writes by name and cannot read back, so a collected catalog shard failed to reactivate.
                Categories = item.Categories.ToArray(),
                Tags = item.Tags.ToArray(),
                Popularity = popularity.GetValueOrDefault(item.Id),
                CreatedAt = ReleaseYear(item.Title),
            }),
        ];
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
