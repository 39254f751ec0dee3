using Microsoft.Extensions.Logging;
using Seed.Encoders;
using Seed.Testing;

namespace Seed.Core.Tests.Encoding;

public sealed class OnnxSentenceEncoderTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    private static readonly Lazy<SafetensorsEmbeddingTable> Reference =
        new(() => SafetensorsEmbeddingTable.Load(SharedFolder.PathOf(SharedFolder.EncoderSafetensors)));

    private OnnxSentenceEncoder Encoder => fixture.Encoder;

    [Fact]
    public void Reports_what_it_loaded()
    {
        Assert.Equal(128, Encoder.Dimension);
        Assert.Equal(256, Encoder.MaxTokens);
        Assert.Equal("Cpu", Encoder.ActiveExecutionProvider);
        Assert.Equal("SentenceEmbedding", Encoder.PoolingUsed);
        Assert.False(Encoder.DeclaresTokenTypeIds);
        Assert.Equal(Path.GetFullPath(TestPaths.ModelDirectory), Encoder.ModelDirectory);
    }

    [Fact]
    public void The_fingerprint_is_stable_across_loads_and_changes_with_what_changes_the_vectors()
    {
        using OnnxSentenceEncoder again = OnnxSentenceEncoder.Load(EncoderFixture.CreateOptions());
        EncoderOptions shorter = EncoderFixture.CreateOptions();
        shorter.MaxTokens = 64;
        using OnnxSentenceEncoder truncating = OnnxSentenceEncoder.Load(shorter);
        EncoderOptions cased = EncoderFixture.CreateOptions();
        cased.LowerCase = false;
        using OnnxSentenceEncoder casedEncoder = OnnxSentenceEncoder.Load(cased);

        Assert.Matches("^folder-[0-9a-f]{16}$", Encoder.Fingerprint);
        Assert.Equal(Encoder.Fingerprint, again.Fingerprint);
        Assert.NotEqual(Encoder.Fingerprint, truncating.Fingerprint);
        Assert.NotEqual(Encoder.Fingerprint, casedEncoder.Fingerprint);
    }

    [Fact]
    public void Similar_texts_are_closer_than_unrelated_ones_and_match_the_measured_cosines()
    {
        foreach ((string first, string second, double measured, bool similar) in SampleTexts.MeasuredPairs)
        {
            float[][] vectors = Encoder.Encode([first, second]);
            float cosine = VectorAssert.Cosine(vectors[0], vectors[1]);

            Assert.True(similar ? cosine > 0.6f : cosine < 0.2f, $"'{first}' / '{second}': cosine {cosine}.");
            // SOURCE.md rounds to 4 decimals.
            Assert.True(Math.Abs(cosine - measured) < 1e-3, $"'{first}' / '{second}': cosine {cosine}, measured {measured}.");
        }
    }

    [Fact]
    public void A_batch_of_mixed_lengths_equals_single_calls()
    {
        string[] texts = [.. SampleTexts.Varied, SampleTexts.Long(400), string.Empty];

        float[][] batched = Encoder.Encode(texts);

        for (int i = 0; i < texts.Length; i++)
        {
            VectorAssert.Close(Encoder.Encode([texts[i]])[0], batched[i], 1e-6, texts[i]);
        }
    }

    [Fact]
    public void Texts_of_very_different_lengths_run_in_separate_groups_and_similar_ones_together()
    {
        using OnnxSentenceEncoder encoder = OnnxSentenceEncoder.Load(EncoderFixture.CreateOptions());
        string[] shortTexts = [.. Enumerable.Range(0, 10).Select(i => $"short text {i}")];
        string[] longTexts = [.. Enumerable.Range(0, 10).Select(i => SampleTexts.Long(150) + $" {i}")];
        // Interleaved, so that grouping has to sort them.
        string[] mixed = [.. shortTexts.Zip(longTexts).SelectMany(pair => new[] { pair.First, pair.Second })];

        float[][] vectors = encoder.Encode(mixed);
        long mixedRuns = encoder.InferenceRuns;
        encoder.Encode(longTexts);

        Assert.Equal(2, mixedRuns);
        Assert.Equal(3, encoder.InferenceRuns);
        for (int i = 0; i < mixed.Length; i++)
        {
            VectorAssert.Close(encoder.Encode([mixed[i]])[0], vectors[i], 1e-6, mixed[i]);
        }
    }

    [Fact]
    public void A_batch_over_the_row_and_token_limits_is_split_and_keeps_order()
    {
        EncoderOptions options = EncoderFixture.CreateOptions();
        options.MaxBatchSize = 7;
        options.MaxBatchTokens = 200;
        using OnnxSentenceEncoder small = OnnxSentenceEncoder.Load(options);
        string[] texts = Enumerable.Range(0, 60)
            .Select(i => SampleTexts.Varied[i % SampleTexts.Varied.Length] + new string('!', i % 13) + $" item {i}")
            .Append(SampleTexts.Long(400))
            .ToArray();

        float[][] batched = small.Encode(texts);

        Assert.Equal(texts.Length, batched.Length);
        for (int i = 0; i < texts.Length; i++)
        {
            VectorAssert.Close(Encoder.Encode([texts[i]])[0], batched[i], 1e-6, texts[i]);
        }
    }

    [Fact]
    public void Graph_pooling_equals_mean_pooling_of_token_embeddings()
    {
        EncoderOptions options = EncoderFixture.CreateOptions();
        options.Pooling = "meanpooling";
        using OnnxSentenceEncoder meanPooled = OnnxSentenceEncoder.Load(options);
        string[] texts = [.. SampleTexts.Varied, SampleTexts.Long(400)];

        Assert.Equal("MeanPooling", meanPooled.PoolingUsed);
        float[][] graph = Encoder.Encode(texts);
        float[][] mean = meanPooled.Encode(texts);

        for (int i = 0; i < texts.Length; i++)
        {
            VectorAssert.Close(graph[i], mean[i], 1e-6, texts[i]);
        }
    }

    [Fact]
    public void Forcing_sentence_embedding_pooling_works_on_a_model_that_has_it()
    {
        EncoderOptions options = EncoderFixture.CreateOptions();
        options.Pooling = "SentenceEmbedding";
        using OnnxSentenceEncoder forced = OnnxSentenceEncoder.Load(options);

        Assert.Equal("SentenceEmbedding", forced.PoolingUsed);
    }

    [SharedDataFact(SharedFolder.EncoderSafetensors)]
    public void Matches_a_reference_from_hugging_face_ids_and_the_safetensors_table()
    {
        // Fully independent of this code base: Hugging Face's tokenizer ids and the raw int8 table, no ONNX Runtime.
        foreach ((string text, int[] ids) in HuggingFaceGoldenIds.Cases)
        {
            float[] expected = Reference.Value.Embed(ids);

            VectorAssert.Close(expected, Encoder.Encode([text])[0], 1e-5, text);
        }
    }

    [SharedDataFact(SharedFolder.EncoderSafetensors)]
    public void A_text_longer_than_the_limit_encodes_like_its_truncated_tokens()
    {
        string text = SampleTexts.Long(400);
        long[] allPieces = Encoder.Tokenizer.Tokenize(text, int.MaxValue).InputIds[1..^1];
        Assert.True(allPieces.Length > 300);
        long[] truncatedIds = [2, .. allPieces.Take(254), 3];

        TokenizedText tokens = Encoder.Tokenize(text);
        float[] fromText = Encoder.Encode([text])[0];
        float[] fromTokens = Encoder.Encode([new TokenizedText(truncatedIds, truncated: true)])[0];

        Assert.True(tokens.Truncated);
        Assert.Equal(truncatedIds, tokens.InputIds);
        VectorAssert.Close(fromTokens, fromText, 1e-6, "truncated tokens");
        VectorAssert.Close(Reference.Value.Embed(allPieces.Take(254).Select(id => (int)id)), fromText, 1e-5, "safetensors reference");
        // The dropped tail really carries information, so the check above is not vacuous.
        Assert.True(VectorAssert.MaxAbsDifference(Reference.Value.Embed(allPieces.Select(id => (int)id)), fromText) > 1e-4);
    }

    [Fact]
    public void Vectors_are_unit_length_and_text_without_known_tokens_is_all_zeros()
    {
        float[][] vectors = Encoder.Encode(SampleTexts.Varied);
        for (int i = 0; i < vectors.Length; i++)
        {
            VectorAssert.UnitLength(vectors[i], SampleTexts.Varied[i]);
        }

        // Empty text is [CLS][SEP] only, and a 150-letter word is [UNK]: the static model has zero rows for both,
        // so the encoder returns the zero vector (cosine 0 with everything) rather than NaN.
        foreach (string text in new[] { string.Empty, "   ", new string('x', 150) })
        {
            float[] vector = Encoder.Encode([text])[0];
            Assert.Equal(128, vector.Length);
            Assert.All(vector, value => Assert.Equal(0f, value));
        }
    }

    [Fact]
    public void An_empty_batch_gives_no_vectors()
    {
        Assert.Empty(Encoder.Encode(Array.Empty<string>()));
        Assert.Empty(Encoder.Encode(Array.Empty<TokenizedText>()));
    }

    [Fact]
    public void A_row_over_the_token_limit_is_rejected()
    {
        long[] ids = [2, .. Enumerable.Repeat(6598L, 300), 3];

        ArgumentException error = Assert.Throws<ArgumentException>(() => Encoder.Encode([new TokenizedText(ids, truncated: false)]));

        Assert.Contains("256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrent_callers_get_the_same_vectors_as_sequential_ones()
    {
        string[] texts = Enumerable.Range(0, 200).Select(i => $"{SampleTexts.Varied[i % SampleTexts.Varied.Length]} {i}").ToArray();
        float[][] sequential = texts.Select(t => Encoder.Encode([t])[0]).ToArray();
        var concurrent = new float[texts.Length][];

        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            concurrent[i] = Encoder.Encode([texts[i], texts[(i + 1) % texts.Length]])[0]);

        for (int i = 0; i < texts.Length; i++)
        {
            VectorAssert.Close(sequential[i], concurrent[i], 1e-6, texts[i]);
        }
    }

    [Fact]
    public void Asking_for_cuda_on_a_machine_without_it_falls_back_to_cpu_with_one_warning()
    {
        EncoderOptions options = EncoderFixture.CreateOptions();
        options.ExecutionProvider = "cuda";
        var logger = new CapturingLogger();

        using OnnxSentenceEncoder encoder = OnnxSentenceEncoder.Load(options, logger);

        (LogLevel Level, string Message)[] warnings = logger.Entries.Where(e => e.Level >= LogLevel.Warning).ToArray();
#if SEED_GPU
        // The GPU build on a machine with a usable CUDA device really runs on it, silently.
        if (encoder.ActiveExecutionProvider == "Cuda")
        {
            Assert.Empty(warnings);
            return;
        }
#endif
        Assert.Equal("Cpu", encoder.ActiveExecutionProvider);
        (LogLevel level, string message) = Assert.Single(warnings);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("CUDA", message, StringComparison.Ordinal);
        Assert.Contains("CPU", message, StringComparison.Ordinal);
        VectorAssert.Close(Encoder.Encode(["Hello, World!"])[0], encoder.Encode(["Hello, World!"])[0], 1e-6, "fallback encoder");
    }
}
