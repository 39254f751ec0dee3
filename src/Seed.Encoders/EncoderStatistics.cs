namespace Seed.Encoders;

/// <summary>
/// Counters of a <see cref="MicroBatchingEncoder"/> since it was created.
/// </summary>
/// <param name="Requests">Texts asked for (each text of <see cref="MicroBatchingEncoder.EncodeManyAsync"/> counts once).</param>
/// <param name="CacheHits">Requests answered from the LRU cache without inference. Requests that joined an identical
/// text already in flight are neither hits nor encoded twice.</param>
/// <param name="Batches">Successful inference calls.</param>
/// <param name="TextsEncoded">Texts that went through inference.</param>
/// <param name="MeanBatchSize"><paramref name="TextsEncoded"/> / <paramref name="Batches"/>, or 0 before the first batch.</param>
public sealed record EncoderStatistics(long Requests, long CacheHits, long Batches, long TextsEncoded, double MeanBatchSize);
