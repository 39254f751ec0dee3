using Seed.Testing;

namespace Seed.Evaluation.Tests;

/// <summary>A temporary folder holding the real Amazon reviews of the first <c>items</c> asins (the file is sorted by asin).</summary>
internal sealed class AmazonSlice : IDisposable
{
    public AmazonSlice(int items)
    {
        Folder = Path.Combine(Path.GetTempPath(), "seed-eval-tests-" + Guid.NewGuid().ToString("N"), "amazon-slice");
        Directory.CreateDirectory(Folder);
        var source = Path.Combine(SharedFolder.PathOf(SharedFolder.AmazonReviews), "reviews_Musical_Instruments_5.json");
        var asins = new HashSet<string>(StringComparer.Ordinal);
        var lines = File.ReadLines(source).TakeWhile(line =>
        {
            var asin = System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("asin").GetString()!;
            return asins.Add(asin) ? asins.Count <= items : true;
        });
        File.WriteAllLines(Path.Combine(Folder, "reviews_Musical_Instruments_5.json"), lines);
    }

    public string Folder { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the run.
        }
    }
}
