using Seed.Encoders;

namespace Seed.Core.Tests.Encoding;

public sealed class MicroBatchingEncoderTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    private OnnxSentenceEncoder Encoder => fixture.Encoder;

    private static EncoderOptions Options(double delayMilliseconds = 10, int cacheCapacity = 1000)
    {
        EncoderOptions options = EncoderFixture.CreateOptions();
        // Longer than production's 2 ms so that a slow CI scheduler cannot split the bursts these tests create.
        options.MaxBatchDelayMilliseconds = delayMilliseconds;
        options.CacheCapacity = cacheCapacity;
        return options;
    }

    private static string[] DistinctTexts(int count, string prefix) =>
        Enumerable.Range(0, count)
            .Select(i => $"{prefix} {SampleTexts.Varied[i % SampleTexts.Varied.Length]} {new string('!', i % 9)} number {i}")
            .ToArray();

    [Fact]
    public async Task Concurrent_callers_get_direct_results_in_fewer_batches_than_texts()
    {
        await using var batcher = new MicroBatchingEncoder(Encoder, Options());
        string[] texts = DistinctTexts(64, "concurrent");

        float[][] results = await Task.WhenAll(texts.Select(t => Task.Run(async () => await batcher.EncodeAsync(t))));

        float[][] direct = Encoder.Encode(texts);
        for (int i = 0; i < texts.Length; i++)
        {
            VectorAssert.Close(direct[i], results[i], 1e-6, texts[i]);
        }

        EncoderStatistics statistics = batcher.GetStatistics();
        Assert.Equal(64, statistics.Requests);
        Assert.Equal(0, statistics.CacheHits);
        Assert.Equal(64, statistics.TextsEncoded);
        Assert.InRange(statistics.Batches, 1, 63);
        Assert.Equal(64.0 / statistics.Batches, statistics.MeanBatchSize, 9);
        Assert.Equal(128, batcher.Dimension);
    }

    [Fact]
    public async Task A_repeated_text_is_a_cache_hit_and_returns_a_private_copy()
    {
        await using var batcher = new MicroBatchingEncoder(Encoder, Options(delayMilliseconds: 0));
        float[] first = await batcher.EncodeAsync("A man is playing a guitar on stage.");
        float[] expected = (float[])first.Clone();
        first.AsSpan().Clear(); // a caller scribbling on its vector must not reach the cache

        float[] second = await batcher.EncodeAsync("A man is playing a guitar on stage.");

        Assert.Equal(expected, second);
        Assert.NotSame(first, second);
        EncoderStatistics statistics = batcher.GetStatistics();
        Assert.Equal(new EncoderStatistics(2, 1, 1, 1, 1.0), statistics);
    }

    [Fact]
    public async Task Identical_texts_in_flight_share_one_computation()
    {
        // No cache, so only in-flight sharing can avoid duplicate work. The batch waits (up to a minute) until it
        // holds two distinct texts, so all 20 identical calls are certainly in flight together.
        EncoderOptions options = Options(delayMilliseconds: 60_000, cacheCapacity: 0);
        options.MaxBatchSize = 2;
        await using var batcher = new MicroBatchingEncoder(Encoder, options);

        Task<float[]>[] identical = Enumerable.Range(0, 20)
            .Select(_ => batcher.EncodeAsync("wireless noise cancelling over-ear headphones").AsTask())
            .ToArray();
        Assert.All(identical, call => Assert.False(call.IsCompleted));
        float[] other = await batcher.EncodeAsync("organic cotton baby blanket");
        float[][] results = await Task.WhenAll(identical);

        float[][] direct = Encoder.Encode(["wireless noise cancelling over-ear headphones", "organic cotton baby blanket"]);
        Assert.All(results, r => VectorAssert.Close(direct[0], r, 1e-6));
        VectorAssert.Close(direct[1], other, 1e-6);
        Assert.Equal(20, results.Distinct().Count()); // each caller still gets its own array
        EncoderStatistics statistics = batcher.GetStatistics();
        Assert.Equal(new EncoderStatistics(21, 0, 1, 2, 2.0), statistics);
    }

    [Fact]
    public async Task Cancelling_one_caller_does_not_affect_the_others()
    {
        // The batch runs only once it holds three texts, so the first caller is certainly still waiting when it cancels.
        EncoderOptions options = Options(delayMilliseconds: 60_000);
        options.MaxBatchSize = 3;
        await using var batcher = new MicroBatchingEncoder(Encoder, options);
        using var cancellation = new CancellationTokenSource();
        string[] texts = DistinctTexts(3, "cancellation");

        ValueTask<float[]> cancelled = batcher.EncodeAsync(texts[0], cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await cancelled);
        float[][] others = await batcher.EncodeManyAsync([texts[1], texts[2]]);

        float[][] direct = Encoder.Encode(texts);
        VectorAssert.Close(direct[1], others[0], 1e-6);
        VectorAssert.Close(direct[2], others[1], 1e-6);
        // The cancelled text was still encoded (in the same single batch) and cached; the loop keeps serving.
        VectorAssert.Close(direct[0], await batcher.EncodeAsync(texts[0]), 1e-6);
        EncoderStatistics statistics = batcher.GetStatistics();
        Assert.Equal(1, statistics.Batches);
        Assert.Equal(3, statistics.TextsEncoded);
        Assert.Equal(1, statistics.CacheHits);

        using var alreadyCancelled = new CancellationTokenSource();
        await alreadyCancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await batcher.EncodeAsync("never queued", alreadyCancelled.Token));
        Assert.Equal(4, batcher.GetStatistics().Requests);
    }

    [Fact]
    public async Task EncodeMany_keeps_order_with_duplicates_and_respects_the_row_limit()
    {
        EncoderOptions options = Options();
        options.MaxBatchSize = 16;
        await using var batcher = new MicroBatchingEncoder(Encoder, options);
        string[] distinct = DistinctTexts(100, "many");
        string[] texts = [.. distinct, .. distinct.Take(30), SampleTexts.Long(400)];

        float[][] results = await batcher.EncodeManyAsync(texts);

        float[][] direct = Encoder.Encode(texts);
        for (int i = 0; i < texts.Length; i++)
        {
            VectorAssert.Close(direct[i], results[i], 1e-6, texts[i]);
        }

        EncoderStatistics statistics = batcher.GetStatistics();
        Assert.Equal(texts.Length, statistics.Requests);
        Assert.Equal(101, statistics.TextsEncoded);
        Assert.True(statistics.Batches >= 7, $"{statistics.Batches} batches for 101 texts at 16 per batch.");
    }

    [Fact]
    public async Task The_padded_token_budget_splits_batches()
    {
        EncoderOptions options = Options();
        options.MaxBatchTokens = 64;
        await using var batcher = new MicroBatchingEncoder(Encoder, options);
        // Each text is [CLS] + 14 pieces + [SEP] = 16 tokens, so at most 4 fit into 64 padded tokens.
        string[] texts = Enumerable.Range(0, 20).Select(i => $"w{i} " + string.Join(' ', Enumerable.Repeat("guitar", 12))).ToArray();
        Assert.All(texts, t => Assert.Equal(16, Encoder.Tokenize(t).Length));

        float[][] results = await batcher.EncodeManyAsync(texts);

        Assert.Equal(texts.Length, results.Length);
        EncoderStatistics statistics = batcher.GetStatistics();
        Assert.True(statistics.Batches >= 5, $"{statistics.Batches} batches for 20 texts of 16 tokens under a 64-token budget.");
        Assert.True(statistics.MeanBatchSize <= 4);
    }

    [Fact]
    public async Task A_failing_batch_faults_only_its_requests_and_the_loop_keeps_answering()
    {
        // A real failure: the encoder underneath is disposed while the batcher still uses it.
        OnnxSentenceEncoder doomed = OnnxSentenceEncoder.Load(EncoderFixture.CreateOptions());
        await using var batcher = new MicroBatchingEncoder(doomed, Options(delayMilliseconds: 0));
        float[] cached = await batcher.EncodeAsync("cheap running shoes for men");
        doomed.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await batcher.EncodeAsync("stainless steel kitchen knife set"));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await batcher.EncodeAsync("organic cotton baby blanket"));

        Assert.Equal(cached, await batcher.EncodeAsync("cheap running shoes for men"));
        EncoderStatistics statistics = batcher.GetStatistics();
        Assert.Equal(1, statistics.Batches);
        Assert.Equal(1, statistics.CacheHits);
    }

    [Fact]
    public async Task Disposing_finishes_queued_texts_and_then_refuses_new_ones()
    {
        var batcher = new MicroBatchingEncoder(Encoder, Options(delayMilliseconds: 100));
        string[] texts = DistinctTexts(10, "dispose");
        Task<float[]>[] queued = texts.Select(t => batcher.EncodeAsync(t).AsTask()).ToArray();

        await batcher.DisposeAsync();

        float[][] results = await Task.WhenAll(queued);
        float[][] direct = Encoder.Encode(texts);
        for (int i = 0; i < texts.Length; i++)
        {
            VectorAssert.Close(direct[i], results[i], 1e-6, texts[i]);
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await batcher.EncodeAsync("too late"));
        batcher.Dispose(); // idempotent
    }
}
