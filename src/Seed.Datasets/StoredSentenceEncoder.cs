using Seed.Encoders;
using Seed.Storage.Embeddings;

namespace Seed.Datasets;

/// <summary>
/// An <see cref="ISentenceEncoder"/> that remembers what it encoded in a <see cref="FileTextEmbeddingStore"/>: the
/// trainer and the evaluator encode the same data set's texts run after run, and a transformer takes minutes to do it
/// on a laptop's cores. The vectors are the inner encoder's (stored under its <see cref="ISentenceEncoder.Fingerprint"/>),
/// so results do not depend on whether a text came from the store.
/// </summary>
public sealed class StoredSentenceEncoder(ISentenceEncoder inner, FileTextEmbeddingStore store) : ISentenceEncoder
{
    private long _storeHits;
    private long _encoded;

    public int Dimension => inner.Dimension;

    public int MaxTokens => inner.MaxTokens;

    public string Fingerprint => inner.Fingerprint;

    /// <summary>Texts answered from the store so far.</summary>
    public long StoreHits => Interlocked.Read(ref _storeHits);

    /// <summary>Texts the inner encoder ran on so far.</summary>
    public long Encoded => Interlocked.Read(ref _encoded);

    public TokenizedText Tokenize(string text) => inner.Tokenize(text);

    /// <summary>One line for the tools' output: where the texts came from, and which encoder's entries they are.</summary>
    public string Summary => $"{StoreHits:N0} texts from the embedding store ({store.Directory}), {Encoded:N0} encoded; encoder {inner.Fingerprint}";

    /// <summary>Token ids carry no text to key the store with: straight to the inner encoder.</summary>
    public float[][] Encode(IReadOnlyList<TokenizedText> batch) => inner.Encode(batch);

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        float[]?[] stored = store.Get(inner.Fingerprint, texts);
        var misses = StoreMisses.Of(texts, stored);
        Interlocked.Add(ref _storeHits, texts.Count - misses.Count);
        if (misses.Count == 0)
        {
            return misses.FillInto(stored, []);
        }

        float[][] encoded = inner.Encode(misses.Texts);
        Interlocked.Add(ref _encoded, misses.Count);
        store.Put(inner.Fingerprint, misses.Texts, encoded);
        return misses.FillInto(stored, encoded);
    }
}
