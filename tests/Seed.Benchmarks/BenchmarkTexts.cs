using System.Text.Json;
using Seed.Core;

namespace Seed.Benchmarks;

/// <summary>
/// Real short texts for the encoder benchmarks: MovieLens titles with their genres (the catalogue's item text)
/// interleaved with Amazon musical-instrument review headlines (short free text, like search and review events).
/// Read from the shared data folder so the token lengths are the ones production sees, not synthetic ones.
/// </summary>
internal static class BenchmarkTexts
{
    /// <summary>The shared folder: <c>SEED_SHARED_ROOT</c> when set, else <c>../shared</c> beside the repository.</summary>
    public static string SharedRoot =>
        Environment.GetEnvironmentVariable("SEED_SHARED_ROOT") is { Length: > 0 } root ? root : RepositoryPaths.Resolve("../shared");

    /// <summary>Returns <paramref name="count"/> distinct texts (half movies, half review headlines), always the same ones.</summary>
    public static string[] Load(int count)
    {
        int half = (count + 1) / 2;
        List<string> movies = ReadMovieTexts(Path.Combine(SharedRoot, "data", "ml-latest-small", "movies.csv"), half);
        List<string> headlines = ReadReviewHeadlines(
            Path.Combine(SharedRoot, "data", "amazon-musical-instruments-5core", "reviews_Musical_Instruments_5.json"), half);

        var texts = new List<string>(count);
        for (int i = 0; texts.Count < count && i < half; i++)
        {
            texts.Add(movies[i]);
            if (texts.Count < count)
            {
                texts.Add(headlines[i]);
            }
        }

        return [.. texts];
    }

    private static List<string> ReadMovieTexts(string path, int count)
    {
        var texts = new List<string>(count);
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            // movieId,title,genres: titles with commas are quoted, genres never contain commas.
            int firstComma = line.IndexOf(',', StringComparison.Ordinal);
            int lastComma = line.LastIndexOf(',');
            string title = line[(firstComma + 1)..lastComma].Trim('"');
            string genres = line[(lastComma + 1)..].Replace('|', ' ');
            texts.Add($"{title} {genres}");
            if (texts.Count == count)
            {
                break;
            }
        }

        return texts;
    }

    private static List<string> ReadReviewHeadlines(string path, int count)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var texts = new List<string>(count);
        foreach (string line in File.ReadLines(path))
        {
            using JsonDocument review = JsonDocument.Parse(line);
            // Distinct texts only: the micro-batcher coalesces identical in-flight texts, which would flatter it.
            if (review.RootElement.TryGetProperty("summary", out JsonElement summary)
                && summary.GetString() is { Length: > 0 } headline
                && seen.Add(headline))
            {
                texts.Add(headline);
                if (texts.Count == count)
                {
                    break;
                }
            }
        }

        return texts;
    }
}
