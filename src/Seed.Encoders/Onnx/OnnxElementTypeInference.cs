using System.Collections.Frozen;
using Onnx;

namespace Seed.Encoders.Onnx;

/// <summary>
/// The element type (FLOAT, INT64, BOOL, ...) of each tensor of a graph, from its declarations (inputs, outputs,
/// initializers, value_info) and, for the rest, from the standard operators' typing rules. Exports such as the
/// sentence-transformers ones declare no value_info, and the float16 converter must know which inputs of an operator
/// kept in float32 are floats; ONNX's shape inference is not available from .NET, so this covers the operators'
/// element types only (no shapes) and leaves a tensor out when its producer is not in the tables below.
/// </summary>
internal static class OnnxElementTypeInference
{
    private const int Int64 = (int)TensorProto.Types.DataType.Int64;
    private const int Bool = (int)TensorProto.Types.DataType.Bool;

    /// <summary>Operators whose every output has the element type of their first input.</summary>
    private static readonly FrozenSet<string> SameTypeAsFirstInput = FrozenSet.ToFrozenSet(
    [
        "Abs", "Acos", "Acosh", "Add", "Asin", "Asinh", "Atan", "Atanh", "AveragePool", "BatchNormalization", "Ceil",
        "Celu", "Clip", "Concat", "Conv", "ConvTranspose", "Cos", "Cosh", "CumSum", "DepthToSpace", "Div", "Einsum",
        "Elu", "Erf", "Exp", "Expand", "Flatten", "Floor", "Gather", "GatherElements", "GatherND", "Gelu", "Gemm",
        "GlobalAveragePool", "GlobalMaxPool", "HardSigmoid", "HardSwish", "Identity", "InstanceNormalization",
        "LeakyRelu", "Log", "LogSoftmax", "LpNormalization", "MatMul", "Max", "Mean", "Min", "Mish", "Mod", "Mul",
        "Neg", "Pad", "Pow", "PRelu", "Range", "Reciprocal", "ReduceL1", "ReduceL2", "ReduceLogSum",
        "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin", "ReduceProd", "ReduceSum", "ReduceSumSquare", "Relu",
        "Reshape", "Resize", "RoiAlign", "Round", "ScatterElements", "ScatterND", "Selu", "Shrink", "Sigmoid", "Sign",
        "Sin", "Sinh", "Slice", "Softmax", "Softplus", "Softsign", "SpaceToDepth", "Split", "Sqrt", "Squeeze", "Sub",
        "Sum", "Tan", "Tanh", "ThresholdedRelu", "Tile", "Transpose", "Trilu", "Unsqueeze", "Upsample",
    ]);

    private static readonly FrozenSet<string> Int64Outputs = FrozenSet.ToFrozenSet(["Shape", "Size", "NonZero", "ArgMax", "ArgMin", "NonMaxSuppression"]);

    private static readonly FrozenSet<string> BoolOutputs = FrozenSet.ToFrozenSet(
        ["Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf"]);

    /// <summary>Element types by tensor name; a tensor whose type neither is declared nor follows from the rules is absent.</summary>
    public static Dictionary<string, int> Infer(GraphProto graph)
    {
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (ValueInfoProto declared in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo))
        {
            if (declared.Type?.TensorType is { ElemType: > 0 } tensorType)
            {
                types[declared.Name] = tensorType.ElemType;
            }
        }

        foreach (TensorProto initializer in graph.Initializer)
        {
            types[initializer.Name] = initializer.DataType;
        }

        // ONNX requires a graph's nodes in topological order, so every input is typed before its consumer is reached.
        foreach (NodeProto node in graph.Node)
        {
            for (int i = 0; i < node.Output.Count; i++)
            {
                if (node.Output[i].Length > 0 && !types.ContainsKey(node.Output[i]) && OutputType(node, i, types) is int type)
                {
                    types[node.Output[i]] = type;
                }
            }
        }

        return types;
    }

    private static int? OutputType(NodeProto node, int output, Dictionary<string, int> types)
    {
        if (node.Domain.Length > 0 && node.Domain != "ai.onnx")
        {
            return null;
        }

        int? InputType(int index) =>
            index < node.Input.Count && types.TryGetValue(node.Input[index], out int type) ? type : null;

        return node.OpType switch
        {
            "Cast" => (int?)Attribute(node, "to")?.I,
            "CastLike" => InputType(1),
            "Constant" => ConstantType(node),
            "ConstantOfShape" => Attribute(node, "value")?.T?.DataType ?? HalfPrecisionTensor.Float,
            "Where" => InputType(1),
            "TopK" or "MaxPool" => output == 0 ? InputType(0) : Int64,
            "Unique" => output == 0 ? InputType(0) : Int64,
            "Dropout" => output == 0 ? InputType(0) : Bool,
            // Mean and inverse standard deviation are of the stash type, float unless the node says otherwise.
            "LayerNormalization" => output == 0 ? InputType(0) : (int?)Attribute(node, "stash_type")?.I ?? HalfPrecisionTensor.Float,
            _ when Int64Outputs.Contains(node.OpType) => Int64,
            _ when BoolOutputs.Contains(node.OpType) => Bool,
            _ when SameTypeAsFirstInput.Contains(node.OpType) => InputType(0),
            _ => null,
        };
    }

    private static int? ConstantType(NodeProto node)
    {
        foreach (AttributeProto attribute in node.Attribute)
        {
            switch (attribute.Name)
            {
                case "value":
                    return attribute.T.DataType;
                case "value_float" or "value_floats":
                    return HalfPrecisionTensor.Float;
                case "value_int" or "value_ints":
                    return Int64;
                case "value_string" or "value_strings":
                    return (int)TensorProto.Types.DataType.String;
            }
        }

        return null;
    }

    internal static AttributeProto? Attribute(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(attribute => attribute.Name == name);
}
