using Microsoft.Extensions.Logging;
using Seed.Core.Tests.Encoding;
using Seed.Core.Tests.Models;
using Seed.Storage.Embeddings;

namespace Seed.Core.Tests.Embeddings;

public sealed class FileTextEmbeddingStoreTests
{
    private const string Encoder = "test-encoder-0123abcd";

    [Fact]
    public void Stored_vectors_come_back_for_the_same_text_and_encoder_only()
    {
        using var folder = new TempDirectory();
        using var store = new FileTextEmbeddingStore(folder.Path);
        store.Put(Encoder, ["red guitar", "blue drum"], [[1f, 2f, 3f], [4f, 5f, 6f]]);

        float[]?[] found = store.Get(Encoder, ["blue drum", "green flute", "red guitar"]);

        Assert.Equal([4f, 5f, 6f], found[0]!);
        Assert.Null(found[1]);
        Assert.Equal([1f, 2f, 3f], found[2]!);
        Assert.All(store.Get("other-encoder", ["red guitar", "blue drum"]), Assert.Null);
    }

    [Fact]
    public void A_new_store_on_the_same_folder_reads_what_the_first_wrote()
    {
        using var folder = new TempDirectory();
        using (var first = new FileTextEmbeddingStore(folder.Path))
        {
            first.Put(Encoder, ["a", "b"], [[1f, 0f], [0f, 1f]]);
            first.Put(Encoder, ["b", "c"], [[9f, 9f], [0.5f, 0.5f]]);
        }

        using var second = new FileTextEmbeddingStore(folder.Path);
        Assert.Equal(3, second.Count(Encoder));
        float[]?[] found = second.Get(Encoder, ["a", "b", "c"]);
        Assert.Equal([1f, 0f], found[0]!);
        Assert.Equal([0f, 1f], found[1]!); // the first vector stored for a text is kept
        Assert.Equal([0.5f, 0.5f], found[2]!);
    }

    [Fact]
    public void A_record_cut_short_by_a_crash_is_dropped_and_appends_go_on_from_the_last_whole_record()
    {
        using var folder = new TempDirectory();
        using (var store = new FileTextEmbeddingStore(folder.Path))
        {
            store.Put(Encoder, ["kept"], [[1f, 2f]]);
        }

        string file = Directory.GetFiles(folder.Path, "*.embeddings").Single();
        using (FileStream stream = File.Open(file, FileMode.Append))
        {
            stream.Write(new byte[7]); // part of a record: a key cut short
        }

        using (var reopened = new FileTextEmbeddingStore(folder.Path))
        {
            Assert.Equal(1, reopened.Count(Encoder));
            reopened.Put(Encoder, ["added"], [[3f, 4f]]);
        }

        using var last = new FileTextEmbeddingStore(folder.Path);
        float[]?[] found = last.Get(Encoder, ["kept", "added"]);
        Assert.Equal([1f, 2f], found[0]!);
        Assert.Equal([3f, 4f], found[1]!);
    }

    [Fact]
    public void A_second_process_reads_a_locked_file_but_stores_nothing_and_says_so_once()
    {
        using var folder = new TempDirectory();
        using var writer = new FileTextEmbeddingStore(folder.Path);
        writer.Put(Encoder, ["a"], [[1f]]);
        var logger = new CapturingLogger();

        using var reader = new FileTextEmbeddingStore(folder.Path, logger);
        reader.Put(Encoder, ["b"], [[2f]]);

        Assert.Equal([1f], reader.Get(Encoder, ["a"])[0]!);
        Assert.Null(reader.Get(Encoder, ["b"])[0]);
        Assert.Null(writer.Get(Encoder, ["b"])[0]);
        Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("another process", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_that_is_not_an_embedding_file_is_ignored_with_a_warning()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File(Encoder + ".embeddings"), "not a Seed embedding file at all");
        var logger = new CapturingLogger();

        using var store = new FileTextEmbeddingStore(folder.Path, logger);

        Assert.Null(store.Get(Encoder, ["a"])[0]);
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("not a Seed embedding file", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public void A_fingerprint_that_is_not_a_plain_name_is_refused(string fingerprint)
    {
        using var folder = new TempDirectory();
        using var store = new FileTextEmbeddingStore(folder.Path);

        Assert.Throws<ArgumentException>(() => store.Get(fingerprint, ["a"]));
    }

    [Fact]
    public void Vectors_of_another_dimension_than_the_file_are_refused_and_nothing_is_written()
    {
        using var folder = new TempDirectory();
        using var store = new FileTextEmbeddingStore(folder.Path);
        store.Put(Encoder, ["a"], [[1f, 2f]]);

        Assert.Throws<ArgumentException>(() => store.Put(Encoder, ["b", "c"], [[1f, 2f], [1f, 2f, 3f]]));
        Assert.Equal(1, store.Count(Encoder));
    }

    [Fact]
    public void Keys_depend_on_every_character_of_the_text()
    {
        Assert.Equal(TextEmbeddingKey.Of("Toy Story (1995)"), TextEmbeddingKey.Of("Toy Story (1995)"));
        Assert.NotEqual(TextEmbeddingKey.Of("Toy Story (1995)"), TextEmbeddingKey.Of("Toy Story (1996)"));
        Assert.NotEqual(TextEmbeddingKey.Of("café"), TextEmbeddingKey.Of("cafe"));
        UInt128 longText = TextEmbeddingKey.Of(new string('x', 10_000));
        Assert.Equal(longText, TextEmbeddingKey.FromBytes(TextEmbeddingKey.ToBytes(longText)));
    }
}
