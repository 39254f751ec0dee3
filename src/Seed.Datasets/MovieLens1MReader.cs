
namespace Seed.Datasets;

/// <summary>
/// Reads the MovieLens 1M layout: ratings.dat (UserID::MovieID::Rating::Timestamp) and movies.dat
/// (MovieID::Title::Genre|Genre), both "::"-separated and Latin-1 encoded.
/// </summary>
internal static class MovieLens1MReader
{
    public const string RatingsFileName = "ratings.dat";
    public const string ItemsFileName = "movies.dat";
    private const string Separator = "::";

    public static bool Matches(string folder) =>
        File.Exists(Path.Combine(folder, RatingsFileName)) && File.Exists(Path.Combine(folder, ItemsFileName));

    public static (List<DatasetItem> Items, List<InteractionEvent> Events) Read(string folder)
    {
        var items = new List<DatasetItem>();
        foreach (var fields in ReadRecords(Path.Combine(folder, ItemsFileName)))
        {
            items.Add(new DatasetItem(fields[0], fields[1], fields[2].Split('|', StringSplitOptions.RemoveEmptyEntries), []));
        }

        var events = new List<InteractionEvent>();
        foreach (var fields in ReadRecords(Path.Combine(folder, RatingsFileName)))
        {
            events.Add(MovieLensLatestReader.RatingEvent(fields[0], fields[1], fields[2], fields[3]));
        }

        return (items, events);
    }

    private static IEnumerable<string[]> ReadRecords(string path) =>
        File.ReadLines(path, System.Text.Encoding.Latin1).Where(line => line.Length > 0).Select(line => line.Split(Separator));
}
