using Microsoft.Extensions.Logging;
using Seed.Core.Telemetry;
using Seed.Encoders;
using Seed.Storage.Embeddings;

namespace Seed.Grains.Encoders;

/// <summary>
/// Encodes catalog item texts once per (encoder, text): vectors already in the persistent store are read back, the
/// rest go through the silo's batching encoder and are written to the store. The store is a cache of a pure function,
/// so when it fails the texts are encoded anyway (one warning) and the upsert goes on. Item texts share the batching
/// queue with events' free text; the catalog's <c>BulkUpsertPacer</c> lets one chunk of them in at a time per silo,
/// so an event's text waits behind at most one chunk.
/// </summary>
public sealed class ItemTextEncoder(MicroBatchingEncoder batchingEncoder, ISentenceEncoder encoder, ITextEmbeddingStore? store, ILogger<ItemTextEncoder> logger)
{
    /// <summary>True when a persistent store backs this encoder.</summary>
    public bool IsPersistent => store is not null;

    /// <summary>One unit vector per text, in order.</summary>
    public async Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (store is null || texts.Count == 0)
        {
            return await batchingEncoder.EncodeManyAsync(texts, cancellationToken);
        }

        float[]?[] stored = await ReadStoredAsync(texts, cancellationToken);
        var misses = StoreMisses.Of(texts, stored);
        SeedMetrics.EncoderStoreLookups.Add(texts.Count);
        SeedMetrics.EncoderStoreHits.Add(texts.Count - misses.Count);
        if (misses.Count == 0)
        {
            return misses.FillInto(stored, []);
        }

        float[][] encoded = await batchingEncoder.EncodeManyAsync(misses.Texts, cancellationToken);
        await WriteAsync(misses.Texts, encoded, cancellationToken);
        return misses.FillInto(stored, encoded);
    }

    private async Task<float[]?[]> ReadStoredAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        try
        {
            return await store!.GetAsync(encoder.Fingerprint, texts, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("The embedding store could not be read ({Reason}); {Count} item texts are encoded instead.", exception.Message, texts.Count);
            return new float[]?[texts.Count];
        }
    }

    private async Task WriteAsync(IReadOnlyList<string> texts, float[][] vectors, CancellationToken cancellationToken)
    {
        try
        {
            await store!.PutAsync(encoder.Fingerprint, texts, vectors, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("The embedding store could not be written ({Reason}); {Count} item texts will be encoded again next time.", exception.Message, texts.Count);
        }
    }
}
