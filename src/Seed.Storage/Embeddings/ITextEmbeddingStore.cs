namespace Seed.Storage.Embeddings;

/// <summary>
/// Persistent text → vector memory of one encoder, so that a catalog's item texts are encoded once per (encoder, text):
/// a restart, a second silo or a re-import reads the vectors instead of running the model again. Keys are
/// <see cref="TextEmbeddingKey"/>s of the text under an encoder fingerprint (model bytes, tokenizer, pooling,
/// token limit): another encoder, or the same one configured differently, never sees these vectors.
/// </summary>
public interface ITextEmbeddingStore
{
    /// <summary>The stored vector of each text, in order; null where the store has none.</summary>
    Task<float[]?[]> GetAsync(string encoderFingerprint, IReadOnlyList<string> texts, CancellationToken cancellationToken = default);

    /// <summary>Stores vector i for text i. A text already stored keeps its first vector (the same encoder gives the same one).</summary>
    Task PutAsync(string encoderFingerprint, IReadOnlyList<string> texts, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken = default);
}
