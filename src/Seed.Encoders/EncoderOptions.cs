namespace Seed.Encoders;

/// <summary>
/// Settings for the sentence encoder, bound from the configuration section <see cref="SectionName"/>.
/// Mutable so that the configuration binder can fill it; call <see cref="Validate"/> before use
/// (<see cref="OnnxSentenceEncoder.Load"/> and <see cref="MicroBatchingEncoder"/> do).
/// </summary>
public sealed class EncoderOptions
{
    /// <summary>Configuration section these options are bound from.</summary>
    public const string SectionName = "Seed:Encoder";

    /// <summary>Folder holding the model and vocabulary. Relative paths are resolved with <see cref="RepositoryPaths.Resolve"/>.</summary>
    public string ModelPath { get; set; } = "../shared/models/potion-base-4M-int8";

    /// <summary>ONNX file inside <see cref="ModelPath"/>.</summary>
    public string ModelFileName { get; set; } = "model.onnx";

    /// <summary>WordPiece vocabulary (one token per line, id = line number) inside <see cref="ModelPath"/>.</summary>
    public string VocabFileName { get; set; } = "vocab.txt";

    /// <summary>Most tokens fed to the model per text, including [CLS] and [SEP]; longer texts are truncated.</summary>
    public int MaxTokens { get; set; } = 256;

    /// <summary>Lower-case (and strip accents) before WordPiece; must match how the model was trained.</summary>
    public bool LowerCase { get; set; } = true;

    /// <summary>"Cpu" or "Cuda" (case-insensitive). "Cuda" falls back to CPU with one warning when unavailable.</summary>
    public string ExecutionProvider { get; set; } = "Cpu";

    /// <summary>GPU ordinal used when <see cref="ExecutionProvider"/> is "Cuda".</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>ONNX Runtime intra-op threads per inference; 0 keeps the runtime default (one per physical core).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>"Auto", "SentenceEmbedding" or "MeanPooling" (case-insensitive).</summary>
    public string Pooling { get; set; } = "Auto";

    /// <summary>Most texts in one inference call.</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>Most padded tokens (rows × longest row) in one inference call; bounds memory and latency per batch.
    /// A single text is always admitted, even if it alone exceeds this budget.</summary>
    public int MaxBatchTokens { get; set; } = 16384;

    /// <summary>How long the micro-batcher waits after the first queued text for more texts to join its batch.</summary>
    /// <remarks>
    /// The wait rides on .NET timers, whose tick was about 4 ms on the development Linux box: any value from 1 to 4
    /// waits about 4 ms, values under 1 ms round to no wait. With fewer concurrent callers than
    /// <see cref="MaxBatchSize"/>, every batch waits out the whole window. For a model whose inference takes
    /// microseconds (potion on CPU) 0 is faster on every measure, since texts still batch up while a batch is running:
    /// measured there, a lone caller took 0.02 ms instead of 4.4 ms per text and 8 concurrent callers got about 34,000
    /// instead of 1,900 texts/s. A window pays off only when one inference is expensive (a transformer, a GPU):
    /// set 1 to 2 ms there. The default is therefore 0, which still coalesces concurrent requests.
    /// </remarks>
    public double MaxBatchDelayMilliseconds { get; set; }

    /// <summary>Entries in the text → vector LRU cache of <see cref="MicroBatchingEncoder"/>; 0 disables the cache.</summary>
    public int CacheCapacity { get; set; } = 100_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        RequireText(ModelPath, nameof(ModelPath));
        RequireText(ModelFileName, nameof(ModelFileName));
        RequireText(VocabFileName, nameof(VocabFileName));
        if (MaxTokens < 2)
        {
            throw Invalid(nameof(MaxTokens), $"must be at least 2 to hold [CLS] and [SEP], but is {MaxTokens}.");
        }

        _ = ParseExecutionProvider();
        if (CudaDeviceId < 0)
        {
            throw Invalid(nameof(CudaDeviceId), $"must not be negative, but is {CudaDeviceId}.");
        }

        if (IntraOpThreads < 0)
        {
            throw Invalid(nameof(IntraOpThreads), $"must be 0 (runtime default) or positive, but is {IntraOpThreads}.");
        }

        _ = ParsePooling();
        if (MaxBatchSize < 1)
        {
            throw Invalid(nameof(MaxBatchSize), $"must be at least 1, but is {MaxBatchSize}.");
        }

        if (MaxBatchTokens < 1)
        {
            throw Invalid(nameof(MaxBatchTokens), $"must be at least 1, but is {MaxBatchTokens}.");
        }

        if (!double.IsFinite(MaxBatchDelayMilliseconds) || MaxBatchDelayMilliseconds < 0)
        {
            throw Invalid(nameof(MaxBatchDelayMilliseconds), $"must be a finite number >= 0, but is {MaxBatchDelayMilliseconds}.");
        }

        if (CacheCapacity < 0)
        {
            throw Invalid(nameof(CacheCapacity), $"must be 0 (disabled) or positive, but is {CacheCapacity}.");
        }
    }

    /// <summary>True when CUDA was asked for; false for CPU.</summary>
    internal bool ParseExecutionProvider()
    {
        if (string.Equals(ExecutionProvider, "Cpu", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (string.Equals(ExecutionProvider, "Cuda", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        throw Invalid(nameof(ExecutionProvider), $"must be \"Cpu\" or \"Cuda\", but is \"{ExecutionProvider}\".");
    }

    internal PoolingMode ParsePooling()
    {
        foreach (PoolingMode mode in Enum.GetValues<PoolingMode>())
        {
            if (string.Equals(Pooling, mode.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }
        }

        throw Invalid(nameof(Pooling), $"must be \"Auto\", \"SentenceEmbedding\" or \"MeanPooling\", but is \"{Pooling}\".");
    }

    private static void RequireText(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(name, "must not be empty.");
        }
    }

    // The message carries the full configuration key so an operator can find the setting without reading code.
    private static ArgumentException Invalid(string name, string problem) =>
        new($"{SectionName}:{name} {problem}", name);
}
