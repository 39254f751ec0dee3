using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Seed.Encoders;

/// <summary>
/// The inputs and output of an ONNX sentence model as the encoder uses them, checked once at load: int64
/// <c>input_ids</c> and <c>attention_mask</c>, optionally <c>token_type_ids</c>, nothing else; and one float output,
/// either the pooled <c>sentence_embedding</c> or token vectors to pool (mean or [CLS]), as <see cref="EncoderOptions.Pooling"/> asks.
/// </summary>
/// <param name="InputNames">The inputs to feed, in this order.</param>
/// <param name="DeclaresTokenTypeIds">Whether <c>token_type_ids</c> is among them (fed as zeros).</param>
/// <param name="OutputName">The one output to fetch.</param>
/// <param name="Pooling">What the encoder does with <paramref name="OutputName"/>: <see cref="PoolingMode.SentenceEmbedding"/>
/// (already pooled), <see cref="PoolingMode.MeanPooling"/> or <see cref="PoolingMode.Cls"/> (token vectors); never Auto.</param>
internal sealed record OnnxModelSignature(string[] InputNames, bool DeclaresTokenTypeIds, string OutputName, PoolingMode Pooling)
{
    private const string InputIdsName = "input_ids";
    private const string AttentionMaskName = "attention_mask";
    private const string TokenTypeIdsName = "token_type_ids";
    private const string SentenceEmbeddingName = "sentence_embedding";
    private static readonly string[] TokenOutputNames = ["token_embeddings", "last_hidden_state"];

    /// <summary>Checks the session's inputs and outputs; throws naming the model folder or the offending node.</summary>
    public static OnnxModelSignature Read(InferenceSession session, PoolingMode pooling, string modelDirectory)
    {
        IReadOnlyDictionary<string, NodeMetadata> inputs = session.InputMetadata;
        foreach (string required in new[] { InputIdsName, AttentionMaskName })
        {
            RequireInt64Input(inputs, required);
        }

        bool declaresTokenTypeIds = inputs.ContainsKey(TokenTypeIdsName);
        if (declaresTokenTypeIds)
        {
            RequireInt64Input(inputs, TokenTypeIdsName);
        }

        string[] unknownInputs = inputs.Keys.Where(name => name is not (InputIdsName or AttentionMaskName or TokenTypeIdsName)).ToArray();
        if (unknownInputs.Length > 0)
        {
            throw new NotSupportedException(
                $"Model in '{modelDirectory}' declares inputs this encoder cannot fill: {string.Join(", ", unknownInputs)}.");
        }

        string[] inputNames = declaresTokenTypeIds ? [InputIdsName, AttentionMaskName, TokenTypeIdsName] : [InputIdsName, AttentionMaskName];

        string outputName = ChooseOutput(session.OutputMetadata, pooling, modelDirectory, out PoolingMode resolved);
        return new OnnxModelSignature(inputNames, declaresTokenTypeIds, outputName, resolved);
    }

    private static string ChooseOutput(
        IReadOnlyDictionary<string, NodeMetadata> outputs, PoolingMode pooling, string modelDirectory, out PoolingMode resolved)
    {
        bool hasSentence = outputs.TryGetValue(SentenceEmbeddingName, out NodeMetadata? sentenceMetadata);
        string? tokenOutput = TokenOutputNames.FirstOrDefault(outputs.ContainsKey);
        string available = string.Join(", ", outputs.Keys);

        if (pooling is PoolingMode.Auto or PoolingMode.SentenceEmbedding && hasSentence)
        {
            RequireFloatOutput(SentenceEmbeddingName, sentenceMetadata!);
            resolved = PoolingMode.SentenceEmbedding;
            return SentenceEmbeddingName;
        }

        if (pooling == PoolingMode.SentenceEmbedding)
        {
            throw new InvalidOperationException(
                $"{EncoderOptions.SectionName}:{nameof(EncoderOptions.Pooling)} is SentenceEmbedding, but the model in '{modelDirectory}' has no '{SentenceEmbeddingName}' output (it has: {available}).");
        }

        if (tokenOutput is null)
        {
            throw new InvalidOperationException(
                $"The model in '{modelDirectory}' has neither '{SentenceEmbeddingName}' nor a token output ({string.Join(" / ", TokenOutputNames)}) to pool; it has: {available}.");
        }

        RequireFloatOutput(tokenOutput, outputs[tokenOutput]);
        resolved = pooling == PoolingMode.Cls ? PoolingMode.Cls : PoolingMode.MeanPooling;
        return tokenOutput;
    }

    private static void RequireInt64Input(IReadOnlyDictionary<string, NodeMetadata> inputs, string name)
    {
        if (!inputs.TryGetValue(name, out NodeMetadata? metadata))
        {
            throw new NotSupportedException($"The model has no '{name}' input; inputs are: {string.Join(", ", inputs.Keys)}.");
        }

        if (metadata.ElementDataType != TensorElementType.Int64)
        {
            throw new NotSupportedException($"The model input '{name}' is {metadata.ElementDataType}; only int64 token inputs are supported.");
        }
    }

    private static void RequireFloatOutput(string name, NodeMetadata metadata)
    {
        if (metadata.ElementDataType != TensorElementType.Float)
        {
            throw new NotSupportedException($"The model output '{name}' is {metadata.ElementDataType}; only float32 outputs are supported.");
        }
    }
}
