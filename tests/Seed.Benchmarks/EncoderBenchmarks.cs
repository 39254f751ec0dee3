using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using Seed.Encoders;

namespace Seed.Benchmarks;

/// <summary>
/// The ONNX sentence encoder (potion-base-4M int8, 128-d) on real short texts.
/// <para><b>BatchSize</b>: the same 256 texts encoded in batches of 1 (baseline) to 256 through
/// <see cref="OnnxSentenceEncoder.Encode(IReadOnlyList{string})"/> (tokenisation included, as callers pay it).
/// Every method reports time per text, so the Texts/s column is the throughput at that batch size.</para>
/// <para><b>MicroBatching</b>: 64 distinct texts, either as 64 sequential single-text Encode calls (baseline) or as
/// 64 concurrent <see cref="MicroBatchingEncoder.EncodeAsync"/> requests with the cache off, which the batcher
/// coalesces into a few inference calls.</para>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 8)]
[CategoriesColumn]
[Config(typeof(EncoderConfig))]
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "BenchmarkDotNet owns the instance's lifetime and releases the encoders in [GlobalCleanup].")]
public class EncoderBenchmarks
{
    private const string BatchSizeCategory = "BatchSize";
    private const string MicroBatchingCategory = "MicroBatching";
    private const int SweepTexts = 256;
    private const int ConcurrentCallers = 64;

    private readonly Dictionary<int, string[][]> _chunksByBatchSize = [];
    private OnnxSentenceEncoder _encoder = null!;
    private MicroBatchingEncoder _microBatcher = null!;
    private string[][] _singleTextBatches = [];
    private string[] _concurrentTexts = [];

    [GlobalSetup]
    public void Setup()
    {
        var options = new EncoderOptions
        {
            Model = Path.Combine(BenchmarkTexts.SharedRoot, "models", "potion-base-4M-int8"),
            // Raised from the defaults (64 texts, 16k padded tokens) so batches of 128 and 256 really run as one
            // inference instead of being split by the encoder; that split is what the sweep is meant to price.
            MaxBatchSize = SweepTexts,
            MaxBatchTokens = 1 << 20,
            // Distinct texts and no cache: every request must reach the model, as for new catalogue items.
            CacheCapacity = 0,
        };
        _encoder = OnnxSentenceEncoder.Load(options);

        string[] sweepTexts = BenchmarkTexts.Load(SweepTexts);
        foreach (int batchSize in new[] { 1, 8, 32, 64, 128, 256 })
        {
            _chunksByBatchSize[batchSize] = sweepTexts.Chunk(batchSize).ToArray();
        }

        // The micro-batcher's own default batch limit (64) is kept: it is what production runs with.
        _microBatcher = new MicroBatchingEncoder(_encoder, new EncoderOptions { CacheCapacity = 0 });
        _concurrentTexts = sweepTexts[..ConcurrentCallers];
        _singleTextBatches = _concurrentTexts.Select(text => new[] { text }).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _microBatcher.Dispose();
        _encoder.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SweepTexts, Description = "Encode, batch 1")]
    [BenchmarkCategory(BatchSizeCategory)]
    public int Batch1() => EncodeInBatches(1);

    [Benchmark(OperationsPerInvoke = SweepTexts, Description = "Encode, batch 8")]
    [BenchmarkCategory(BatchSizeCategory)]
    public int Batch8() => EncodeInBatches(8);

    [Benchmark(OperationsPerInvoke = SweepTexts, Description = "Encode, batch 32")]
    [BenchmarkCategory(BatchSizeCategory)]
    public int Batch32() => EncodeInBatches(32);

    [Benchmark(OperationsPerInvoke = SweepTexts, Description = "Encode, batch 64")]
    [BenchmarkCategory(BatchSizeCategory)]
    public int Batch64() => EncodeInBatches(64);

    [Benchmark(OperationsPerInvoke = SweepTexts, Description = "Encode, batch 128")]
    [BenchmarkCategory(BatchSizeCategory)]
    public int Batch128() => EncodeInBatches(128);

    [Benchmark(OperationsPerInvoke = SweepTexts, Description = "Encode, batch 256")]
    [BenchmarkCategory(BatchSizeCategory)]
    public int Batch256() => EncodeInBatches(256);

    [Benchmark(Baseline = true, OperationsPerInvoke = ConcurrentCallers, Description = "64 sequential Encode([text])")]
    [BenchmarkCategory(MicroBatchingCategory)]
    public int SequentialSingleEncodes()
    {
        int encoded = 0;
        foreach (string[] single in _singleTextBatches)
        {
            encoded += _encoder.Encode(single).Length;
        }

        return encoded;
    }

    [Benchmark(OperationsPerInvoke = ConcurrentCallers, Description = "64 concurrent EncodeAsync (micro-batched)")]
    [BenchmarkCategory(MicroBatchingCategory)]
    public async Task<int> ConcurrentMicroBatched()
    {
        // All 64 requests are in flight before the first is awaited, as when many grains encode at once.
        var pending = new Task<float[]>[_concurrentTexts.Length];
        for (int i = 0; i < pending.Length; i++)
        {
            pending[i] = _microBatcher.EncodeAsync(_concurrentTexts[i]).AsTask();
        }

        float[][] vectors = await Task.WhenAll(pending).ConfigureAwait(false);
        return vectors.Length;
    }

    private int EncodeInBatches(int batchSize)
    {
        int encoded = 0;
        foreach (string[] chunk in _chunksByBatchSize[batchSize])
        {
            encoded += _encoder.Encode(chunk).Length;
        }

        return encoded;
    }
}
