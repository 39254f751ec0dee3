using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML.OnnxRuntime;
using Seed.Abstractions.Grains;
using Seed.Encoders;

namespace Seed.Benchmarks;

/// <summary>
/// all-MiniLM-L6-v2 on this CPU: sentences per second at exactly 8, 32 and 128 tokens (with [CLS] and [SEP]) in
/// batches of 1, 8, 32 and 128, two ways in the same run:
/// <para><b>BareSession</b> (the floor): one <see cref="InferenceSession"/> built from the same package resource with
/// the same session options, fed ready-made input tensors; no tokenising, no pooling, no copies.</para>
/// <para><b>EncoderGrainPool</b>: the same texts as strings through <see cref="IEncoderGrain.EncodeAsync"/> on an
/// in-process silo (tokenising, the micro-batching queue, padding, pooling and normalisation included; cache off).</para>
/// Every invocation encodes 128 texts, so the mean is per text; <see cref="TransformerEncoderConfig"/> adds texts/s
/// and the FLOP/s reached (the model's matrix products per text, counted in <see cref="MiniLmFlops"/>).
/// arctic-embed-xs has the same shape (6 layers, 384 wide, 1,536 feed-forward), so the same costs apply to it.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[Config(typeof(TransformerEncoderConfig))]
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "BenchmarkDotNet owns the instance's lifetime and releases the session and silo in [GlobalCleanup].")]
public class TransformerEncoderBenchmarks
{
    /// <summary>Texts per invocation: the largest batch, so every batch size covers the same work.</summary>
    public const int TextsPerInvocation = 128;

    private static readonly string[] Words =
    [
        "music", "guitar", "movie", "love", "story", "world", "time", "house", "water", "red", "blue", "green", "night",
        "day", "light", "dark", "song", "film", "book", "car", "road", "city", "river", "sea", "sun", "moon", "star",
        "war", "king", "girl", "boy", "man", "woman", "family", "friend", "school", "game", "drum", "piano", "string",
    ];

    private InferenceSession _session = null!;
    private RunOptions _runOptions = null!;
    private string[] _inputNames = [];
    private OrtValue[][] _bareInputs = [];
    private string[][] _textBatches = [];
    private BenchmarkSilo _silo = null!;
    private IEncoderGrain _encoderGrain = null!;

    [Params(8, 32, 128)]
    public int Tokens { get; set; }

    [Params(1, 8, 32, 128)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new EncoderOptions { Model = KnownEncoders.AllMiniLmL6V2, CacheCapacity = 0, MaxBatchSize = TextsPerInvocation, MaxBatchTokens = 1 << 20 };
        using (OnnxSentenceEncoder encoder = OnnxSentenceEncoder.Load(options))
        {
            string[] texts = ExactLengthTexts(encoder, Tokens);
            _textBatches = texts.Chunk(Batch).ToArray();
            _session = OpenBareSession();
            _inputNames = [.. _session.InputMetadata.Keys];
            _bareInputs = [.. _textBatches.Select(batch => InputsFor(encoder, batch))];
        }

        _runOptions = new RunOptions();
        _silo = BenchmarkSilo.StartAsync("Memory", withClient: false, encoderSettings: new Dictionary<string, string>
        {
            ["Model"] = KnownEncoders.AllMiniLmL6V2,
            ["CacheCapacity"] = "0",
            ["PersistItemEmbeddings"] = "false",
        }).GetAwaiter().GetResult();
        _encoderGrain = _silo.SiloGrains.GetGrain<IEncoderGrain>(0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();
        foreach (OrtValue value in _bareInputs.SelectMany(inputs => inputs))
        {
            value.Dispose();
        }

        _runOptions.Dispose();
        _session.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = TextsPerInvocation, Description = "bare ORT session")]
    public int BareSession()
    {
        int rows = 0;
        foreach (OrtValue[] inputs in _bareInputs)
        {
            using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(_runOptions, _inputNames, inputs, ["last_hidden_state"]);
            rows += (int)outputs[0].GetTensorTypeAndShape().Shape[0];
        }

        return rows;
    }

    [Benchmark(OperationsPerInvoke = TextsPerInvocation, Description = "encoder grain pool")]
    public async Task<int> EncoderGrainPool()
    {
        int rows = 0;
        foreach (string[] batch in _textBatches)
        {
            rows += (await _encoderGrain.EncodeAsync(batch)).Length;
        }

        return rows;
    }

    /// <summary>128 distinct texts of exactly <paramref name="tokens"/> word pieces each (distinct, so the pool's in-flight sharing cannot skip any).</summary>
    private static string[] ExactLengthTexts(OnnxSentenceEncoder encoder, int tokens)
    {
        string[] singleTokenWords = [.. Words.Where(word => encoder.Tokenize(word).Length == 3)];
        var texts = new string[TextsPerInvocation];
        for (int i = 0; i < texts.Length; i++)
        {
            // The first two words spell i in base W (distinct texts for up to W² of them); the rest vary with i and j.
            int w = singleTokenWords.Length;
            texts[i] = string.Join(' ', Enumerable.Range(0, tokens - 2).Select(j => singleTokenWords[j switch
            {
                0 => i % w,
                1 => i / w % w,
                _ => ((i * 7) + (j * 13) + (j * j)) % w,
            }]));
            int length = encoder.Tokenize(texts[i]).Length;
            if (length != tokens)
            {
                throw new InvalidOperationException($"Text {i} has {length} tokens, not {tokens}.");
            }
        }

        if (texts.Distinct(StringComparer.Ordinal).Count() != texts.Length)
        {
            throw new InvalidOperationException("The benchmark texts must be distinct.");
        }

        return texts;
    }

    private static InferenceSession OpenBareSession()
    {
        NamedEncoderModel model = KnownEncoders.FindTransformer(KnownEncoders.AllMiniLmL6V2)!;
        using Stream resource = Assembly.Load(new AssemblyName(model.ResourceAssembly)).GetManifestResourceStream(model.ModelResource)!;
        var bytes = new byte[resource.Length];
        resource.ReadExactly(bytes);
        // The encoder's own settings (OnnxSentenceEncoder): full graph optimisation, sequential execution, default threads.
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        return new InferenceSession(bytes, options);
    }

    private OrtValue[] InputsFor(OnnxSentenceEncoder encoder, string[] batch)
    {
        long[] shape = [batch.Length, Tokens];
        long[] ids = [.. batch.SelectMany(text => encoder.Tokenize(text).InputIds)];
        long[] mask = [.. Enumerable.Repeat(1L, ids.Length)];
        long[] tokenTypes = new long[ids.Length];
        var byName = new Dictionary<string, long[]> { ["input_ids"] = ids, ["attention_mask"] = mask, ["token_type_ids"] = tokenTypes };
        return [.. _inputNames.Select(name => OrtValue.CreateTensorValueFromMemory(byName[name], shape))];
    }
}
