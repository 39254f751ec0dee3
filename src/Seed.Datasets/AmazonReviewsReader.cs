using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Seed.Abstractions;
using Seed.Core.Interest;

namespace Seed.Datasets;

/// <summary>
/// Reads the Amazon product reviews layout (McAuley et al., 2014 crawl, e.g. <c>reviews_Musical_Instruments_5.json</c>):
/// JSON lines, one review per line with <c>reviewerID</c>, <c>asin</c>, <c>reviewText</c>, <c>summary</c>,
/// <c>overall</c> (1–5 stars) and <c>unixReviewTime</c> (unix seconds, day resolution). <c>.json.gz</c> files are read too.
/// <para>Every review is one <see cref="EventType.Review"/> event carrying its stars in
/// <see cref="InteractionEvent.Rating"/> (so <see cref="InterestOptions.WeightFor"/> and <see cref="PositiveInteraction"/>
/// treat it exactly like a star rating: &gt;= 4 positive) and its words in <see cref="InteractionEvent.Text"/>
/// (<see cref="EventText"/>). The layout has no product titles or descriptions: each item is known by its asin only
/// (title = asin) and the data set is marked <see cref="InteractionDataset.ItemTextFromEarlierReviews"/>.</para>
/// </summary>
internal static class AmazonReviewsReader
{
    /// <summary>File name patterns searched in the folder; a file counts only if its first line is a review object.</summary>
    public static readonly string[] FilePatterns = ["*.json", "*.json.gz"];

    public static bool Matches(string folder) => ReviewFiles(folder).Count > 0;

    /// <summary>The folder's review files (first line parses as an object with reviewerID and asin), in ordinal name order.</summary>
    public static List<string> ReviewFiles(string folder) =>
    [
        .. FilePatterns.SelectMany(pattern => Directory.EnumerateFiles(folder, pattern))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Where(LooksLikeReviews),
    ];

    public static (List<DatasetItem> Items, List<InteractionEvent> Events) Read(string folder)
    {
        var events = new List<InteractionEvent>();
        foreach (var path in ReviewFiles(folder))
        {
            var lineNumber = 0;
            foreach (var line in ReadLines(path))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var review = JsonSerializer.Deserialize<Review>(line)
                    ?? throw new InvalidDataException($"{path}:{lineNumber}: not a review object.");
                if (string.IsNullOrEmpty(review.ReviewerId) || string.IsNullOrEmpty(review.Asin))
                {
                    throw new InvalidDataException($"{path}:{lineNumber}: reviewerID and asin are required.");
                }

                events.Add(new InteractionEvent(
                    review.ReviewerId,
                    review.Asin,
                    DateTimeOffset.FromUnixTimeSeconds(review.UnixReviewTime),
                    EventType.Review,
                    review.Overall,
                    EventText(review.Summary, review.ReviewText)));
            }
        }

        // No titles in this layout: the asin is the only name an item has (and what the cluster embeds for an item
        // upserted without text), ordinal order so that rows do not depend on file order.
        var items = events.Select(e => e.ItemId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(asin => new DatasetItem(asin, asin, [], []))
            .ToList();
        return (items, events);
    }

    /// <summary>
    /// The event text of a review: the headline, then the body (<c>"summary. reviewText"</c>; no extra full stop when the
    /// headline already ends in . ! or ?), or whichever of the two is non-blank; null when both are blank. The sentence
    /// encoder truncates it to its token limit (<c>Seed:Encoder:MaxTokens</c>), offline and in the cluster alike.
    /// </summary>
    public static string? EventText(string? summary, string? reviewText)
    {
        var headline = summary?.Trim() ?? string.Empty;
        var body = reviewText?.Trim() ?? string.Empty;
        if (headline.Length == 0)
        {
            return body.Length == 0 ? null : body;
        }

        if (body.Length == 0)
        {
            return headline;
        }

        return headline[^1] is '.' or '!' or '?' ? $"{headline} {body}" : $"{headline}. {body}";
    }

    private static bool LooksLikeReviews(string path)
    {
        var first = ReadLines(path).FirstOrDefault(line => !string.IsNullOrWhiteSpace(line));
        if (first is null)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(first);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("reviewerID", out _)
                && document.RootElement.TryGetProperty("asin", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in File.ReadLines(path))
            {
                yield return line;
            }

            yield break;
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    /// <summary>The fields of one review line that Seed uses; the others (reviewerName, helpful, reviewTime) are ignored.</summary>
    private sealed record Review(
        [property: JsonPropertyName("reviewerID")] string ReviewerId,
        [property: JsonPropertyName("asin")] string Asin,
        [property: JsonPropertyName("reviewText")] string? ReviewText,
        [property: JsonPropertyName("summary")] string? Summary,
        [property: JsonPropertyName("overall")] float Overall,
        [property: JsonPropertyName("unixReviewTime")] long UnixReviewTime);
}
