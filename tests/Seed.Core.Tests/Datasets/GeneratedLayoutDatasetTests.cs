using Seed.Abstractions;
using Seed.Core.Tests.Models;
using Seed.Datasets;

namespace Seed.Core.Tests.Datasets;

/// <summary>The MovieLens 100K and 1M layouts on small folders written here, and layout detection.</summary>
public sealed class GeneratedLayoutDatasetTests
{
    [Fact]
    public void MovieLens100K_reads_tab_ratings_and_latin1_pipe_items_with_genre_names_from_u_genre()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("u.data"), "2\t1\t5\t881250949\n1\t2\t3\t881250949\n1\t1\t1\t874965758\n");
        var flags1 = Flags(19, 3, 4);
        var flags2 = Flags(19, 0);
        File.WriteAllText(folder.File("u.item"),
            $"1|Toy Story (1995)|01-Jan-1995||http://x|{flags1}\n2|Café Society (1995)|01-Jan-1995||http://y|{flags2}\n", System.Text.Encoding.Latin1);
        File.WriteAllText(folder.File("u.genre"), string.Join('\n', Enumerable.Range(0, 19).Select(i => $"g{i}|{i}")) + "\n");

        var dataset = DatasetLoader.Load(folder.Path);

        Assert.Equal(2, dataset.Items.Count);
        Assert.Equal(["g3", "g4"], dataset.Items[0].Categories);
        Assert.Equal("Café Society (1995)", dataset.Items[1].Title);
        Assert.Equal(["g0"], dataset.Items[1].Categories);
        Assert.Equal(3, dataset.Events.Count);
        Assert.All(dataset.Events, e => Assert.Equal(EventType.Rating, e.Kind));
        // Time first, then the tie at 881250949 broken by user id: "1" before "2".
        Assert.Equal([("1", "1", 1f), ("1", "2", 3f), ("2", "1", 5f)], dataset.Events.Select(e => (e.UserId, e.ItemId, e.Rating!.Value)));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(874965758), dataset.Events[0].Timestamp);
    }

    [Fact]
    public void MovieLens100K_without_u_genre_uses_the_standard_genre_names_and_drops_unknown()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("u.data"), "1\t1\t4\t874965758\n");
        File.WriteAllText(folder.File("u.item"), $"1|Toy Story (1995)|01-Jan-1995||http://x|{Flags(19, 0, 3, 4, 5)}\n", System.Text.Encoding.Latin1);

        var item = DatasetLoader.Load(folder.Path).Items.Single();

        Assert.Equal(["Animation", "Children's", "Comedy"], item.Categories);
        Assert.Equal("Toy Story (1995). Animation, Children's, Comedy", item.EmbeddingText());
    }

    [Fact]
    public void MovieLens1M_reads_double_colon_latin1_files()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("ratings.dat"), "1::1193::5::978300760\n1::661::3::978302109\n2::1193::2::978300760\n");
        File.WriteAllText(folder.File("movies.dat"), "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n661::James and the Giant Peach (1996)::Animation|Children's|Musical\n", System.Text.Encoding.Latin1);

        var dataset = DatasetLoader.Load(folder.Path);

        Assert.Equal(["Animation", "Children's", "Musical"], dataset.Items[1].Categories);
        Assert.Equal([("1", "1193", 5f), ("2", "1193", 2f), ("1", "661", 3f)], dataset.Events.Select(e => (e.UserId, e.ItemId, e.Rating!.Value)));
    }

    [Fact]
    public void Ties_on_time_user_and_item_keep_file_order_ratings_before_tags()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("movies.csv"), "movieId,title,genres\n1,\"Big, Bad (2000)\",Drama|Comedy\n2,Plain (2001),(no genres listed)\n");
        File.WriteAllText(folder.File("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.5,100\n1,2,2.0,50\n");
        File.WriteAllText(folder.File("tags.csv"), "userId,movieId,tag,timestamp\n1,1,\"dark, \"\"funny\"\"\",100\n");

        var dataset = DatasetLoader.Load(folder.Path);

        Assert.Equal("Big, Bad (2000)", dataset.Items[0].Title);
        Assert.Empty(dataset.Items[1].Categories);
        Assert.Equal([EventType.Rating, EventType.Rating, EventType.Tag], dataset.Events.Select(e => e.Kind));
        Assert.Equal("2", dataset.Events[0].ItemId);
        Assert.Equal("dark, \"funny\"", dataset.Events[2].Text);
    }

    [Fact]
    public void An_unknown_layout_names_the_files_looked_for()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("reviews.json"), "{}");

        var error = Assert.Throws<InvalidDataException>(() => DatasetLoader.Load(folder.Path));

        foreach (var file in new[] { "ratings.csv", "movies.csv", "u.data", "u.item", "ratings.dat", "movies.dat" })
        {
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
        }
    }

    private static string Flags(int count, params int[] set) =>
        string.Join('|', Enumerable.Range(0, count).Select(i => set.Contains(i) ? "1" : "0"));
}
