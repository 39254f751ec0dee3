using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using Seed.Encoders.Onnx;

namespace Seed.Core.Tests.Encoding.HalfPrecision;

/// <summary>The converter on a graph small enough to compute by hand, with an operator kept in float32 (Max).</summary>
public sealed class FloatToHalfGraphConverterTests
{
    private static readonly float[] Input = [1f, -2f, 3f];

    [Fact]
    public void Operators_kept_in_float32_read_float32_and_their_own_constants_stay_exact()
    {
        ModelProto model = MulMaxAddModel();

        FloatToHalfGraphConverter.Convert(model);

        GraphProto graph = model.Graph;
        Assert.Equal(HalfPrecisionTensor.Float16, graph.Initializer.Single(tensor => tensor.Name == "w").DataType);
        // The floor feeds only Max, so it keeps its float32 value rather than 0.1's float16 neighbour.
        Assert.Equal(HalfPrecisionTensor.Float, graph.Initializer.Single(tensor => tensor.Name == "floor").DataType);
        NodeProto max = graph.Node.Single(node => node.OpType == "Max");
        NodeProto castToFloat = graph.Node.Single(node => node.OpType == "Cast" && node.Output[0] == max.Input[0]);
        Assert.Equal("a", castToFloat.Input[0]);
        Assert.Equal("floor", max.Input[1]);
        Assert.Equal(HalfPrecisionTensor.Float, graph.Input.Single().Type.TensorType.ElemType);
        Assert.All(graph.Output, output => Assert.Equal(HalfPrecisionTensor.Float, output.Type.TensorType.ElemType));
        NodeProto constant = graph.Node.Single(node => node.OpType == "Constant");
        Assert.Equal(HalfPrecisionTensor.Float16, Assert.Single(constant.Attribute).T.DataType);
    }

    [Fact]
    public void The_converted_graph_runs_in_onnx_runtime_and_computes_the_same_values()
    {
        ModelProto model = MulMaxAddModel();
        (float[] expectedSum, float[] expectedMax) = Run(model.ToByteArray());

        FloatToHalfGraphConverter.Convert(model);
        (float[] sum, float[] max) = Run(model.ToByteArray());

        // x * w = [2, -1, -3]; Max with 0.1 = [2, 0.1, 0.1]; + 1.5 = [3.5, 1.6, 1.6].
        Assert.Equal([3.5f, 1.6f, 1.6f], expectedSum);
        // Max ran in float32 on float32 inputs and its output reaches the caller without a float16 round trip.
        Assert.Equal(expectedMax, max);
        for (int i = 0; i < sum.Length; i++)
        {
            // Within float16's rounding (1.6 is 1.5996 there). On the CPU ONNX Runtime computes the float16 Add in
            // float32 between Casts and drops the Cast pairs it considers redundant, so the result may be exact here.
            Assert.InRange(sum[i], expectedSum[i] - 1e-3f, expectedSum[i] + 1e-3f);
        }
    }

    [Theory]
    [InlineData(0.1f, 0.0999755859375f)]
    [InlineData(1e6f, 65504f)]
    [InlineData(-3.4028235e38f, -65504f)]
    [InlineData(65519f, 65504f)]
    [InlineData(1e-12f, 5.9604645e-8f)]
    [InlineData(-1e-12f, -5.9604645e-8f)]
    [InlineData(0f, 0f)]
    [InlineData(float.NegativeInfinity, float.NegativeInfinity)]
    public void Values_round_to_nearest_with_range_clamped_and_tiny_values_kept_non_zero(float value, float expected)
    {
        Assert.Equal(expected, (float)HalfPrecisionTensor.ToHalf(value));
    }

    [Fact]
    public void A_graph_with_a_subgraph_is_refused_naming_the_node()
    {
        ModelProto model = MulMaxAddModel();
        model.Graph.Node.Add(new NodeProto
        {
            Name = "branch",
            OpType = "If",
            Input = { "cond" },
            Output = { "z" },
            Attribute = { new AttributeProto { Name = "then_branch", Type = AttributeProto.Types.AttributeType.Graph, G = new GraphProto() } },
        });

        var error = Assert.Throws<NotSupportedException>(() => FloatToHalfGraphConverter.Convert(model));

        Assert.Contains("'branch' (If)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>y = Max(x * w, 0.1) + 1.5, with the Max also an output; w in float_data, the floor in raw_data, 1.5 a value_float Constant.</summary>
    private static ModelProto MulMaxAddModel()
    {
        var w = new TensorProto { Name = "w", DataType = HalfPrecisionTensor.Float, Dims = { 3 }, FloatData = { 2f, 0.5f, -1f } };
        var floor = new TensorProto { Name = "floor", DataType = HalfPrecisionTensor.Float, Dims = { 1 }, RawData = ByteString.CopyFrom(BitConverter.GetBytes(0.1f)) };
        var graph = new GraphProto
        {
            Name = "mul-max-add",
            Input = { FloatVector("x") },
            Output = { FloatVector("y"), FloatVector("b") },
            Initializer = { w, floor },
            Node =
            {
                new NodeProto { Name = "mul", OpType = "Mul", Input = { "x", "w" }, Output = { "a" } },
                new NodeProto { Name = "max", OpType = "Max", Input = { "a", "floor" }, Output = { "b" } },
                new NodeProto
                {
                    Name = "k",
                    OpType = "Constant",
                    Output = { "k" },
                    Attribute = { new AttributeProto { Name = "value_float", Type = AttributeProto.Types.AttributeType.Float, F = 1.5f } },
                },
                new NodeProto { Name = "add", OpType = "Add", Input = { "b", "k" }, Output = { "y" } },
            },
        };
        return new ModelProto { IrVersion = 7, Graph = graph, OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 13 } } };
    }

    private static ValueInfoProto FloatVector(string name) => new()
    {
        Name = name,
        Type = new TypeProto
        {
            TensorType = new TypeProto.Types.Tensor { ElemType = HalfPrecisionTensor.Float, Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimValue = 3 } } } },
        },
    };

    private static (float[] Sum, float[] Max) Run(byte[] model)
    {
        using var session = new InferenceSession(model);
        using var x = OrtValue.CreateTensorValueFromMemory((float[])Input.Clone(), [3]);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, new Dictionary<string, OrtValue> { ["x"] = x }, ["y", "b"]);
        return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[1].GetTensorDataAsSpan<float>().ToArray());
    }
}
