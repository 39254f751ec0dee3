using System.ComponentModel.DataAnnotations;
using Seed.Abstractions.Configuration;

namespace Seed.Encoders;

/// <summary>
/// Settings for the sentence encoder, bound from the configuration section <see cref="SectionName"/>.
/// Mutable so that the configuration binder can fill it. <see cref="EncoderOptionsValidator"/> checks the rules below
/// once per entry path: the silo host when it starts, a command-line tool where it builds the options; the encoder
/// types themselves take the options as valid.
/// </summary>
public sealed class EncoderOptions : IValidatableObject
{
    /// <summary>Configuration section these options are bound from.</summary>
    public const string SectionName = "Seed:Encoder";

    /// <summary>
    /// Which encoder: a name from <see cref="KnownEncoders.Names"/> (<c>potion-base-4M</c>, the shipped folder and the
    /// default; <c>all-MiniLM-L6-v2</c> and <c>arctic-embed-xs</c>, read from their NuGet packages' resources) or a
    /// folder holding <see cref="ModelFileName"/> and <see cref="VocabFileName"/>. Relative paths are resolved with
    /// <see cref="Core.RepositoryPaths.Resolve"/>.
    /// </summary>
    [Required(ErrorMessage = SectionName + ":Model must not be empty.")]
    public string Model { get; set; } = KnownEncoders.PotionBase4M;

    /// <summary>The setting's former name. Bound only so that a configuration still using it is refused at start
    /// instead of silently running the default encoder.</summary>
    public string? ModelPath { get; set; }

    /// <summary>ONNX file inside a folder <see cref="Model"/>.</summary>
    [Required(ErrorMessage = SectionName + ":ModelFileName must not be empty.")]
    public string ModelFileName { get; set; } = "model.onnx";

    /// <summary>WordPiece vocabulary (one token per line, id = line number) inside a folder <see cref="Model"/>.</summary>
    [Required(ErrorMessage = SectionName + ":VocabFileName must not be empty.")]
    public string VocabFileName { get; set; } = "vocab.txt";

    /// <summary>Most tokens fed to the model per text, including [CLS] and [SEP]; longer texts are truncated. A named
    /// transformer is never fed more than its <see cref="NamedEncoderModel.MaxSequenceLength"/>.</summary>
    [SettingRange(2, int.MaxValue, ErrorMessage = SectionName + ":MaxTokens must be at least {1} to hold [CLS] and [SEP].")]
    public int MaxTokens { get; set; } = 256;

    /// <summary>Lower-case (and strip accents) before WordPiece; must match how the model was trained. A folder
    /// <see cref="Model"/> only: a named transformer carries its own.</summary>
    public bool LowerCase { get; set; } = true;

    /// <summary>"Cpu" or "Cuda" (case-insensitive). "Cuda" falls back to CPU with one warning when unavailable.</summary>
    public string ExecutionProvider { get; set; } = "Cpu";

    /// <summary>GPU ordinal used when <see cref="ExecutionProvider"/> is "Cuda".</summary>
    [SettingRange(0, int.MaxValue, ErrorMessage = SectionName + ":CudaDeviceId must not be negative.")]
    public int CudaDeviceId { get; set; }

    /// <summary>
    /// "Fp32" (default) or "Fp16" (case-insensitive): the precision a transformer runs in on the CUDA provider. Fp16
    /// converts the float32 graph to float16 in memory when the session is created (inputs and outputs keep their
    /// types). It is honoured on CUDA only: on the CPU, including the fallback when CUDA is unavailable, the float32
    /// graph runs and one warning says so, because ONNX Runtime's CPU provider wraps most float16 operators in Casts
    /// back to float32 and gains nothing. potion-base-4M (an int8 embedding table) ignores it with a warning.
    /// </summary>
    public string Precision { get; set; } = "Fp32";

    /// <summary>ONNX Runtime intra-op threads per inference; 0 keeps the runtime default (one per physical core).</summary>
    [SettingRange(0, int.MaxValue, ErrorMessage = SectionName + ":IntraOpThreads must be 0 (runtime default) or positive.")]
    public int IntraOpThreads { get; set; }

    /// <summary>"Auto", "SentenceEmbedding", "MeanPooling" or "Cls" (case-insensitive). A folder <see cref="Model"/>
    /// only: a named transformer is pooled as it was trained (<see cref="NamedEncoderModel.Pooling"/>).</summary>
    public string Pooling { get; set; } = "Auto";

    /// <summary>Most texts in one inference call.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":MaxBatchSize must be at least {1}.")]
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>Most padded tokens (rows × longest row) in one inference call; bounds memory and latency per batch.
    /// A single text is always admitted, even if it alone exceeds this budget.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":MaxBatchTokens must be at least {1}.")]
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
    [SettingRange(0d, double.MaxValue, ErrorMessage = SectionName + ":MaxBatchDelayMilliseconds must be a finite number >= 0.")]
    public double MaxBatchDelayMilliseconds { get; set; }

    /// <summary>Entries in the text → vector LRU cache of <see cref="MicroBatchingEncoder"/>; 0 disables the cache.</summary>
    [SettingRange(0, int.MaxValue, ErrorMessage = SectionName + ":CacheCapacity must be 0 (disabled) or positive.")]
    public int CacheCapacity { get; set; } = 100_000;

    /// <summary>
    /// Keep item-text embeddings in a persistent store, so that a catalog is encoded once per (encoder, text): the
    /// PostgreSQL database when the silo's storage is PostgreSQL, else files in <see cref="EmbeddingStoreDirectory"/>.
    /// Free text of events (searches, reviews) is not stored; it stays in the in-memory cache only.
    /// </summary>
    public bool PersistItemEmbeddings { get; set; } = true;

    /// <summary>Folder of the file store (used when storage is in memory); empty means <see cref="DefaultEmbeddingStoreDirectory"/>.</summary>
    public string? EmbeddingStoreDirectory { get; set; }

    /// <summary>The file store's folder when none is configured: <c>seed/embeddings</c> under the user's local application data.</summary>
    public static string DefaultEmbeddingStoreDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "seed", "embeddings");

    /// <summary>The file store's folder: <see cref="EmbeddingStoreDirectory"/>, resolved, or the default.</summary>
    public string ResolvedEmbeddingStoreDirectory =>
        string.IsNullOrWhiteSpace(EmbeddingStoreDirectory) ? DefaultEmbeddingStoreDirectory : Core.RepositoryPaths.Resolve(EmbeddingStoreDirectory);

    /// <summary>The settings that are names rather than numbers; the attributes above cover the rest.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (ModelPath is not null)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(ModelPath)} was renamed to {SectionName}:{nameof(Model)} (a name: {KnownEncoders.NameList}; or a folder); move the value there.",
                [nameof(ModelPath)]);
        }

        if (!KnownEncoders.IsKnownNameOrPath(Model))
        {
            yield return new ValidationResult(KnownEncoders.UnknownNameMessage($"{SectionName}:{nameof(Model)}", Model), [nameof(Model)]);
        }

        if (!TryParseExecutionProvider(out _))
        {
            yield return new ValidationResult(ExecutionProviderError, [nameof(ExecutionProvider)]);
        }

        if (!TryParsePrecision(out _))
        {
            yield return new ValidationResult(PrecisionError, [nameof(Precision)]);
        }

        if (!TryParsePooling(out _))
        {
            yield return new ValidationResult(PoolingError, [nameof(Pooling)]);
        }
    }

    /// <summary>True when CUDA was asked for; false for CPU.</summary>
    internal bool ParseExecutionProvider() =>
        TryParseExecutionProvider(out bool cuda) ? cuda : throw new ArgumentException(ExecutionProviderError, nameof(ExecutionProvider));

    /// <summary>True when float16 was asked for; false for float32.</summary>
    internal bool ParsePrecision() =>
        TryParsePrecision(out bool half) ? half : throw new ArgumentException(PrecisionError, nameof(Precision));

    internal PoolingMode ParsePooling() =>
        TryParsePooling(out PoolingMode mode) ? mode : throw new ArgumentException(PoolingError, nameof(Pooling));

    // The messages carry the full configuration key so an operator can find the setting without reading code.
    private string ExecutionProviderError => $"{SectionName}:{nameof(ExecutionProvider)} must be \"Cpu\" or \"Cuda\", but is \"{ExecutionProvider}\".";

    private string PrecisionError => $"{SectionName}:{nameof(Precision)} must be \"Fp32\" or \"Fp16\", but is \"{Precision}\".";

    private string PoolingError => $"{SectionName}:{nameof(Pooling)} must be \"Auto\", \"SentenceEmbedding\", \"MeanPooling\" or \"Cls\", but is \"{Pooling}\".";

    private bool TryParseExecutionProvider(out bool cuda) => TryParseEither(ExecutionProvider, "Cuda", "Cpu", out cuda);

    private bool TryParsePrecision(out bool half) => TryParseEither(Precision, "Fp16", "Fp32", out half);

    /// <summary>A two-valued name setting: true for <paramref name="whenTrue"/>, false for <paramref name="whenFalse"/> (case-insensitive); anything else fails.</summary>
    private static bool TryParseEither(string? value, string whenTrue, string whenFalse, out bool isTrue)
    {
        isTrue = string.Equals(value, whenTrue, StringComparison.OrdinalIgnoreCase);
        return isTrue || string.Equals(value, whenFalse, StringComparison.OrdinalIgnoreCase);
    }

    // Enum.TryParse alone would also take numbers ("7") and comma lists; only the names are settings.
    private bool TryParsePooling(out PoolingMode mode)
    {
        foreach (PoolingMode candidate in Enum.GetValues<PoolingMode>())
        {
            if (string.Equals(Pooling, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                mode = candidate;
                return true;
            }
        }

        mode = default;
        return false;
    }
}
