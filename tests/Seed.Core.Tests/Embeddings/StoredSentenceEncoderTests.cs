using Seed.Core.Tests.Encoding;
using Seed.Core.Tests.Models;
using Seed.Datasets;
using Seed.Storage.Embeddings;

namespace Seed.Core.Tests.Embeddings;

public sealed class StoredSentenceEncoderTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    [Fact]
    public void Texts_are_encoded_once_and_read_back_with_the_same_vectors_after_a_restart()
    {
        using var folder = new TempDirectory();
        string[] texts = [.. SampleTexts.Varied, SampleTexts.Varied[0]];
        float[][] direct = fixture.Encoder.Encode(texts);

        float[][] first;
        using (var store = new FileTextEmbeddingStore(folder.Path))
        {
            var encoder = new StoredSentenceEncoder(fixture.Encoder, store);
            first = encoder.Encode(texts);
            Assert.Equal(0, encoder.StoreHits);
            Assert.Equal(texts.Length, encoder.Encoded);
        }

        using var reopened = new FileTextEmbeddingStore(folder.Path);
        var restarted = new StoredSentenceEncoder(fixture.Encoder, reopened);
        float[][] second = restarted.Encode(texts);

        Assert.Equal(texts.Length, restarted.StoreHits);
        Assert.Equal(0, restarted.Encoded);
        Assert.Equal(texts.Length - 1, reopened.Count(fixture.Encoder.Fingerprint));
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.Equal(first[i], second[i]);
            VectorAssert.Close(direct[i], second[i], 1e-6, texts[i]);
        }
    }
}
