using Onnx;
using Seed.Core.Numerics;
using Seed.Encoders.Onnx;

namespace Seed.Core.Tests.Encoding.HalfPrecision;

/// <summary>
/// The float16 conversion of all-MiniLM-L6-v2, checked on the CPU (ONNX Runtime inserts Casts to float32 around the
/// float16 operators it has no CPU kernel for, so the weights' and most intermediates' rounding is what is measured,
/// not a CUDA kernel's arithmetic).
/// </summary>
public sealed class MiniLmHalfPrecisionTests(MiniLmHalfPrecisionFixture fixture) : IClassFixture<MiniLmHalfPrecisionFixture>
{
    private static readonly string[] Sentences =
    [
        "hello world",
        "A cheerful romantic comedy set in Paris.",
        "Heavy metal guitar strings for electric guitars.",
        "The quick brown fox jumps over the lazy dog!",
        "Noise-cancelling wireless headphones with a thirty-hour battery, folding design and a hard travel case.",
    ];

    [Fact]
    public void The_graph_keeps_int64_inputs_and_float32_outputs()
    {
        GraphProto original = ModelProto.Parser.ParseFrom(fixture.ModelBytes).Graph;
        GraphProto converted = ModelProto.Parser.ParseFrom(fixture.HalfModelBytes).Graph;

        Assert.Equal(Signature(original.Input), Signature(converted.Input));
        Assert.Equal(Signature(original.Output), Signature(converted.Output));
        Assert.All(converted.Input, input => Assert.Equal((int)TensorProto.Types.DataType.Int64, input.Type.TensorType.ElemType));
        Assert.All(converted.Output, output => Assert.Equal(HalfPrecisionTensor.Float, output.Type.TensorType.ElemType));
    }

    [Fact]
    public void Every_float_weight_and_constant_became_float16_and_the_model_half_its_size()
    {
        GraphProto original = ModelProto.Parser.ParseFrom(fixture.ModelBytes).Graph;
        GraphProto converted = ModelProto.Parser.ParseFrom(fixture.HalfModelBytes).Graph;

        // MiniLM has none of the operators kept in float32, so no float32 tensor is left besides the output casts.
        Assert.DoesNotContain(converted.Node, node => FloatToHalfGraphConverter.KeptInFloat32.Contains(node.OpType));
        int floatInitializers = original.Initializer.Count(tensor => tensor.DataType == HalfPrecisionTensor.Float);
        Assert.True(floatInitializers > 100, $"{floatInitializers} float initializers");
        Assert.Equal(floatInitializers, converted.Initializer.Count(tensor => tensor.DataType == HalfPrecisionTensor.Float16));
        Assert.DoesNotContain(converted.Initializer, tensor => tensor.DataType == HalfPrecisionTensor.Float);
        Assert.DoesNotContain(converted.Node, node => node.OpType == "Constant" && node.Attribute.Any(attribute => attribute.T?.DataType == HalfPrecisionTensor.Float));
        Assert.DoesNotContain(converted.Node, node => node.OpType == "Cast" && node.Input.Any(input => input.Length == 0));
        Assert.Equal(2, converted.Node.Count(node => node.OpType == "Cast" && node.Attribute.Single().I == HalfPrecisionTensor.Float));
        Assert.InRange(fixture.HalfModelBytes.Length, fixture.ModelBytes.Length * 0.45, fixture.ModelBytes.Length * 0.55);
    }

    [Fact]
    public void Float16_sentence_vectors_agree_with_float32_ones()
    {
        foreach (string sentence in Sentences)
        {
            long[] ids = fixture.ReferenceTokenizer.Encode(sentence, fixture.Encoder.MaxTokens);
            float[] single = fixture.ReferenceEmbedding(ids);
            float[] half = fixture.ReferenceEmbedding(ids, fixture.HalfSession);

            float cosine = VectorOps.Cosine(single, half);
            Assert.True(cosine >= 0.999f, $"'{sentence}': cosine {cosine} between the float32 and float16 vectors");
        }
    }

    [Fact]
    public void Float16_vectors_still_separate_paraphrases_from_unrelated_texts()
    {
        float Cosine(string first, string second) => VectorOps.Cosine(
            fixture.ReferenceEmbedding(fixture.ReferenceTokenizer.Encode(first, fixture.Encoder.MaxTokens), fixture.HalfSession),
            fixture.ReferenceEmbedding(fixture.ReferenceTokenizer.Encode(second, fixture.Encoder.MaxTokens), fixture.HalfSession));

        float weakestParaphrase = Math.Min(
            Cosine("A funny love story in Paris", "A cheerful romantic comedy set in Paris."),
            Cosine("Strings for an electric guitar", "Heavy metal guitar strings for electric guitars."));
        float closestUnrelated = Math.Max(
            Cosine("A funny love story in Paris", "Strings for an electric guitar"),
            Cosine("A cheerful romantic comedy set in Paris.", "Heavy metal guitar strings for electric guitars."));

        Assert.True(weakestParaphrase > closestUnrelated + 0.15f, $"paraphrases >= {weakestParaphrase}, unrelated <= {closestUnrelated}");
    }

    [Fact]
    public void A_converted_model_is_not_converted_again()
    {
        var error = Assert.Throws<NotSupportedException>(() => FloatToHalfGraphConverter.Convert(fixture.HalfModelBytes));

        Assert.Contains("already holds float16", error.Message, StringComparison.Ordinal);
    }

    private static (string Name, int Type)[] Signature(IEnumerable<ValueInfoProto> values) =>
        [.. values.Select(value => (value.Name, value.Type.TensorType.ElemType))];
}
