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

    /// <summary>Token ids carry no text to key the store with: straight to the inner encoder.</summary>
    public float[][] Encode(IReadOnlyList<TokenizedText> batch) => inner.Encode(batch);

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        float[]?[] vectors = store.Get(inner.Fingerprint, texts);
        var missing = new List<string>();
        var missingAt = new List<int>();
        for (int i = 0; i < vectors.Length; i++)
        {
            if (vectors[i] is null)
            {
                missing.Add(texts[i]);
                missingAt.Add(i);
            }
        }

        Interlocked.Add(ref _storeHits, texts.Count - missing.Count);
        if (missing.Count > 0)
        {
            float[][] encoded = inner.Encode(missing);
            Interlocked.Add(ref _encoded, missing.Count);
            for (int m = 0; m < missing.Count; m++)
            {
                vectors[missingAt[m]] = encoded[m];
            }

            store.Put(inner.Fingerprint, missing, encoded);
        }

        return vectors!;
    }
}
