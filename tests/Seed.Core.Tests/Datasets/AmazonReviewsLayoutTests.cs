using Seed.Abstractions;
using Seed.Core.Tests.Models;
using Seed.Datasets;

namespace Seed.Core.Tests.Datasets;

/// <summary>Layout detection, event text and item text of the Amazon reviews adapter on small files written here.</summary>
public sealed class AmazonReviewsLayoutTests
{
    private const string Review1 = """{"reviewerID": "B", "asin": "X1", "reviewText": "Solid stand.", "summary": "Sturdy", "overall": 5.0, "unixReviewTime": 86400}""";
    private const string Review2 = """{"reviewerID": "A", "asin": "X1", "reviewText": "", "summary": "Wobbly!", "overall": 2.0, "unixReviewTime": 86400}""";
    private const string Review3 = """{"reviewerID": "A", "asin": "X2", "reviewText": "Bright tone.", "summary": "Nice strings!", "overall": 4.0, "unixReviewTime": 0, "helpful": [1, 2]}""";

    [Fact]
    public void A_folder_of_review_json_lines_is_detected_and_read_in_time_then_reviewer_then_asin_order()
    {
        using var folder = new TempDirectory();
        File.WriteAllLines(folder.File("reviews_Test_5.json"), [Review1, Review2, Review3]);
        File.WriteAllText(folder.File("README.md"), "not data");

        var dataset = DatasetLoader.Load(folder.Path);

        Assert.True(dataset.ItemTextFromEarlierReviews);
        Assert.Equal(["X1", "X2"], dataset.Items.Select(item => item.Id));
        Assert.Equal([("A", "X2"), ("A", "X1"), ("B", "X1")], dataset.Events.Select(e => (e.UserId, e.ItemId)));
        Assert.Equal(["Nice strings! Bright tone.", "Wobbly!", "Sturdy. Solid stand."], dataset.Events.Select(e => e.Text));
        Assert.Equal([4f, 2f, 5f], dataset.Events.Select(e => e.Rating!.Value));
        Assert.All(dataset.Events, e => Assert.Equal(EventType.Review, e.Kind));
        Assert.Equal([true, false, true], dataset.Events.Select(PositiveInteraction.IsPositive));
    }

    [Fact]
    public void Gzipped_review_files_are_read_too()
    {
        using var folder = new TempDirectory();
        using (var file = File.Create(folder.File("reviews_Test_5.json.gz")))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.WriteLine(Review1);
            writer.WriteLine(Review3);
        }

        Assert.Equal(2, DatasetLoader.Load(folder.Path).Events.Count);
    }

    [Fact]
    public void A_json_file_that_is_not_reviews_is_not_taken_for_the_layout()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("config.json"), """{"name": "something else"}""");

        var error = Assert.Throws<InvalidDataException>(() => DatasetLoader.Load(folder.Path));
        Assert.Contains("Amazon reviews", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Great", "Works.", "Great. Works.")]
    [InlineData("Great!", "Works.", "Great! Works.")]
    [InlineData(" Great ", "", "Great")]
    [InlineData("", "Works.", "Works.")]
    [InlineData(null, null, null)]
    public void Event_text_is_headline_then_body(string? summary, string? body, string? expected) =>
        Assert.Equal(expected, AmazonReviewsReader.EventText(summary, body));

    [Fact]
    public void Item_text_lists_the_newest_reviews_first_each_cut_at_a_word_boundary()
    {
        var longReview = string.Join(' ', Enumerable.Repeat("word", 60));

        var text = ReviewItemText.Compose("X1", ["oldest", longReview, "newest"]);

        var lines = text.Split('\n');
        Assert.Equal("newest", lines[0]);
        Assert.True(lines[1].Length <= ReviewItemText.CharactersPerReview, lines[1]);
        Assert.EndsWith("word", lines[1], StringComparison.Ordinal);
        Assert.Equal("oldest", lines[2]);
        Assert.Equal("X1", ReviewItemText.Compose("X1", []));
    }

    [Fact]
    public void Item_text_stops_growing_past_the_cap()
    {
        var reviews = Enumerable.Range(0, 100).Select(i => $"review number {i} " + new string('x', 50)).ToList();

        var text = ReviewItemText.Compose("X1", reviews);

        Assert.InRange(text.Length, ReviewItemText.MaxCharacters, ReviewItemText.MaxCharacters + ReviewItemText.CharactersPerReview + 1);
        Assert.StartsWith("review number 99 ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("review number 0 ", text, StringComparison.Ordinal);
    }
}
