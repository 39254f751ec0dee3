using Seed.Abstractions;

namespace Seed.Datasets;

/// <summary>
/// Loads a public interaction data set from a folder, detecting its layout from the files present:
/// MovieLens latest (ratings.csv + movies.csv [+ tags.csv]), MovieLens 100K (u.data + u.item [+ u.genre]) or
/// MovieLens 1M (ratings.dat + movies.dat) or Amazon reviews (JSON lines with reviewerID and asin, see
/// <see cref="AmazonReviewsReader"/>). Every rating becomes an <see cref="EventType.Rating"/>
/// event with its star value (<see cref="Core.Interest.InterestOptions.WeightFor"/>: &gt;= 4 positive, [3, 4) weak positive,
/// &lt; 3 negative); MovieLens latest tags become <see cref="EventType.Tag"/> events; Amazon reviews
/// become <see cref="EventType.Review"/> events carrying their stars and their text.
/// </summary>
public static class DatasetLoader
{
    /// <summary>Loads <paramref name="folder"/>; item text excludes user tags unless <paramref name="options"/> asks for them.</summary>
    public static InteractionDataset Load(string folder, DatasetLoaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        options ??= new DatasetLoaderOptions();
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Data set folder '{folder}' does not exist.");
        }

        List<DatasetItem> items;
        List<InteractionEvent> events;
        var itemTextFromEarlierReviews = false;
        if (MovieLensLatestReader.Matches(folder))
        {
            items = MovieLensLatestReader.ReadItems(folder, options.TagsPerItem);
            events = MovieLensLatestReader.ReadEvents(folder);
        }
        else if (MovieLens100KReader.Matches(folder))
        {
            (items, events) = MovieLens100KReader.Read(folder);
        }
        else if (MovieLens1MReader.Matches(folder))
        {
            (items, events) = MovieLens1MReader.Read(folder);
        }
        else if (AmazonReviewsReader.Matches(folder))
        {
            (items, events) = AmazonReviewsReader.Read(folder);
            itemTextFromEarlierReviews = true;
        }
        else
        {
            throw new InvalidDataException(
                $"Unknown data set layout in '{folder}': looked for {MovieLensLatestReader.RatingsFileName} + {MovieLensLatestReader.MoviesFileName} (MovieLens latest), "
                + $"{MovieLens100KReader.RatingsFileName} + {MovieLens100KReader.ItemsFileName} (MovieLens 100K), "
                + $"{MovieLens1MReader.RatingsFileName} + {MovieLens1MReader.ItemsFileName} (MovieLens 1M), "
                + $"{string.Join(" or ", AmazonReviewsReader.FilePatterns)} JSON lines with reviewerID and asin (Amazon reviews).");
        }

        var name = new DirectoryInfo(folder).Name;
        return new InteractionDataset(name, items, InReplayOrder(events)) { ItemTextFromEarlierReviews = itemTextFromEarlierReviews };
    }

    /// <summary>
    /// Sorts by timestamp, then user id, then item id (ordinal); LINQ's OrderBy is stable, so rows that tie on all
    /// three keep the order they were read in (ratings before tags). This is also the tie-break of same-day Amazon
    /// reviews (day-resolution timestamps): one day's reviews replay by reviewer id, then asin, so replays are deterministic.
    /// </summary>
    internal static List<InteractionEvent> InReplayOrder(IEnumerable<InteractionEvent> events) =>
        [.. events.OrderBy(e => e.Timestamp).ThenBy(e => e.UserId, StringComparer.Ordinal).ThenBy(e => e.ItemId, StringComparer.Ordinal)];
}
