using System.Collections.Frozen;
using Google.Protobuf;
using Onnx;

namespace Seed.Encoders.Onnx;

/// <summary>
/// Converts a float32 ONNX model to float16 in memory, for ONNX Runtime's CUDA provider (which has no switch that runs
/// a float32 graph in half precision). The graph's inputs and outputs keep their types: a Cast after each float input
/// and before each float output, so callers still feed int64 ids and read float32. Float32 initializers, float tensors
/// in node attributes (Constant values, ConstantOfShape fills) and Cast/dtype targets become float16; so does every
/// float tensor the graph computes, except around the operators in <see cref="KeptInFloat32"/>, which get Casts to
/// float32 before them and back to float16 after them.
/// <para>
/// The approach and the kept list follow onnxconverter-common's <c>convert_float_to_float16</c> with
/// <c>keep_io_types=True</c>. The numerically delicate parts of a BERT encoder are left in float16 on purpose:
/// ONNX Runtime fuses the exported layer norm (ReduceMean, Sub, Pow, Sqrt, Div) into one normalisation node (its
/// LayerNormFusion accepts float16; on the CPU the converted MiniLM got 13 SimplifiedLayerNormalization nodes), whose
/// CUDA kernels compute mean and variance in float32, and its CUDA Softmax and reductions accumulate float16 in float32.
/// Casts around those operators would cost time and break the fusion pattern.
/// </para>
/// <para>Not handled, and refused with a <see cref="NotSupportedException"/> naming the cause: subgraphs (If, Loop,
/// Scan), sparse or external-data initializers, quantized graphs, and a model that already holds float16 weights.</para>
/// </summary>
internal static class FloatToHalfGraphConverter
{
    /// <summary>
    /// Operators run in float32: onnxconverter-common's default block list. The ai.onnx.ml operators have no float16
    /// type; the others either have no float16 kernel in common runtimes (Range, TopK, NonMaxSuppression, RoiAlign,
    /// Resize, Upsample) or compare or accumulate values where float16 changes the result (CumSum, Min, Max).
    /// </summary>
    public static readonly FrozenSet<string> KeptInFloat32 = FrozenSet.ToFrozenSet(
    [
        "ArrayFeatureExtractor", "Binarizer", "CastMap", "CategoryMapper", "DictVectorizer", "FeatureVectorizer",
        "Imputer", "LabelEncoder", "LinearClassifier", "LinearRegressor", "Normalizer", "OneHotEncoder",
        "RandomUniformLike", "SVMClassifier", "SVMRegressor", "Scaler", "TreeEnsembleClassifier",
        "TreeEnsembleRegressor", "ZipMap", "NonMaxSuppression", "TopK", "RoiAlign", "Resize", "Range", "CumSum", "Min",
        "Max", "Upsample",
    ]);

    /// <summary>Operators of quantized graphs, whose float sides are float32 by definition in the opsets such exports use.</summary>
    private static readonly FrozenSet<string> QuantizationOperators = FrozenSet.ToFrozenSet(
        ["QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear", "MatMulInteger", "ConvInteger", "QLinearMatMul", "QLinearConv"]);

    /// <summary>Parses an ONNX model, converts it (<see cref="Convert(ModelProto)"/>) and serialises it again.</summary>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not an ONNX model.</exception>
    /// <exception cref="NotSupportedException">The model uses a feature the converter does not handle; the message names it.</exception>
    public static byte[] Convert(byte[] model)
    {
        ModelProto proto = ModelProto.Parser.ParseFrom(model);
        Convert(proto);
        return proto.ToByteArray();
    }

    /// <summary>Converts the model's main graph to float16 in place.</summary>
    /// <exception cref="NotSupportedException">The model uses a feature the converter does not handle; the message names it.</exception>
    public static void Convert(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        GraphProto graph = model.Graph ?? throw new NotSupportedException("The ONNX model has no graph.");
        RefuseUnsupported(graph);
        new GraphRewrite(graph).Run();
    }

    private static bool IsKept(NodeProto node) =>
        KeptInFloat32.Contains(node.OpType) && (node.Domain.Length == 0 || node.Domain is "ai.onnx" or "ai.onnx.ml");

    private static void RefuseUnsupported(GraphProto graph)
    {
        if (graph.Initializer.FirstOrDefault(tensor => tensor.DataType == HalfPrecisionTensor.Float16) is { } half)
        {
            throw new NotSupportedException($"The ONNX model already holds float16 weights (initializer '{half.Name}'); it is converted only from float32.");
        }

        if (graph.SparseInitializer.Count > 0)
        {
            throw new NotSupportedException("The ONNX model has sparse initializers, which the float16 conversion does not handle.");
        }

        foreach (NodeProto node in graph.Node)
        {
            if (node.Attribute.Any(attribute => attribute.G is not null || attribute.Graphs.Count > 0))
            {
                throw new NotSupportedException($"Node '{node.Name}' ({node.OpType}) holds a subgraph, which the float16 conversion does not handle.");
            }

            if (QuantizationOperators.Contains(node.OpType))
            {
                throw new NotSupportedException($"Node '{node.Name}' ({node.OpType}) belongs to a quantized graph; only float32 graphs are converted to float16.");
            }
        }
    }

    /// <summary>One conversion: the graph, its original element types and the names taken so far.</summary>
    private sealed class GraphRewrite
    {
        private readonly GraphProto _graph;
        private readonly Dictionary<string, int> _originalTypes;
        private readonly HashSet<string> _tensorNames = new(StringComparer.Ordinal);
        private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
        private readonly HashSet<string> _graphInputs;
        private readonly Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);

        /// <summary>Float graph inputs: the float16 copy their float16 consumers read instead.</summary>
        private readonly Dictionary<string, string> _halfOfInput = new(StringComparer.Ordinal);

        /// <summary>Float tensors that also exist in float32, and that tensor's name: what a kept operator reads.</summary>
        private readonly Dictionary<string, string> _floatOf = new(StringComparer.Ordinal);

        private readonly List<NodeProto> _nodes = [];

        public GraphRewrite(GraphProto graph)
        {
            _graph = graph;
            _originalTypes = OnnxElementTypeInference.Infer(graph);
            _graphInputs = graph.Input.Select(input => input.Name).ToHashSet(StringComparer.Ordinal);
            foreach (string name in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo).Select(value => value.Name)
                         .Concat(graph.Initializer.Select(tensor => tensor.Name)))
            {
                _tensorNames.Add(name);
            }

            foreach (NodeProto node in graph.Node)
            {
                _nodeNames.Add(node.Name);
                _tensorNames.UnionWith(node.Input);
                _tensorNames.UnionWith(node.Output);
                foreach (string input in node.Input.Where(input => input.Length > 0).Distinct())
                {
                    if (!_consumers.TryGetValue(input, out List<NodeProto>? list))
                    {
                        _consumers[input] = list = [];
                    }

                    list.Add(node);
                }
            }
        }

        public void Run()
        {
            var initializerNames = _graph.Initializer.Select(tensor => tensor.Name).ToHashSet(StringComparer.Ordinal);
            foreach (ValueInfoProto input in _graph.Input)
            {
                // Before IR version 4 initializers were also listed as inputs (overridable defaults); such an input
                // takes the initializer's new type below rather than a Cast.
                if (IsFloatTensor(input) && !initializerNames.Contains(input.Name))
                {
                    string half = FreshTensor(input.Name + "_fp16");
                    _nodes.Add(CastNode(input.Name, half, HalfPrecisionTensor.Float16));
                    _halfOfInput[input.Name] = half;
                    _floatOf[input.Name] = input.Name;
                }
            }

            ConvertInitializers();
            foreach (NodeProto node in _graph.Node)
            {
                if (IsKept(node))
                {
                    RewriteKept(node);
                }
                else if (node.OpType == "Constant" && ConsumedOnlyByKept(node.Output[0]))
                {
                    // A constant only kept operators read (a Range bound, a Max floor) stays exact in float32.
                    _floatOf[node.Output[0]] = node.Output[0];
                    _nodes.Add(node);
                }
                else
                {
                    RewriteHalf(node);
                }
            }

            CastFloatOutputs();
            RetypeValueInfo();
            _graph.Node.Clear();
            _graph.Node.AddRange(_nodes);
        }

        private void ConvertInitializers()
        {
            var graphOutputs = _graph.Output.Select(output => output.Name).ToHashSet(StringComparer.Ordinal);
            foreach (TensorProto initializer in _graph.Initializer.Where(tensor => tensor.DataType == HalfPrecisionTensor.Float))
            {
                if (graphOutputs.Contains(initializer.Name))
                {
                    throw new NotSupportedException($"Float initializer '{initializer.Name}' is also a graph output, which the float16 conversion does not handle.");
                }

                if (ConsumedOnlyByKept(initializer.Name))
                {
                    _floatOf[initializer.Name] = initializer.Name;
                }
                else
                {
                    HalfPrecisionTensor.ConvertInPlace(initializer);
                }
            }

            foreach (ValueInfoProto input in _graph.Input.Where(input => IsFloatTensor(input) && !_halfOfInput.ContainsKey(input.Name) && !_floatOf.ContainsKey(input.Name)))
            {
                input.Type.TensorType.ElemType = HalfPrecisionTensor.Float16;
            }
        }

        private bool ConsumedOnlyByKept(string tensor) =>
            _consumers.TryGetValue(tensor, out List<NodeProto>? consumers) && consumers.All(IsKept)
            && !_graph.Output.Any(output => output.Name == tensor);

        /// <summary>A float16 operator: reads the float16 copies of graph inputs; its float constants and type targets become float16.</summary>
        private void RewriteHalf(NodeProto node)
        {
            for (int i = 0; i < node.Input.Count; i++)
            {
                if (_halfOfInput.TryGetValue(node.Input[i], out string? half))
                {
                    node.Input[i] = half;
                }
            }

            foreach (AttributeProto attribute in node.Attribute)
            {
                if (attribute.T is { } tensor)
                {
                    HalfPrecisionTensor.ConvertInPlace(tensor);
                }

                foreach (TensorProto element in attribute.Tensors)
                {
                    HalfPrecisionTensor.ConvertInPlace(element);
                }

                // Cast's target and the dtype of generators (EyeLike, RandomNormal, ...) decide an output's type.
                bool typeTarget = (node.OpType == "Cast" && attribute.Name == "to") || attribute.Name == "dtype";
                if (typeTarget && attribute.I == HalfPrecisionTensor.Float)
                {
                    attribute.I = HalfPrecisionTensor.Float16;
                }
            }

            if (node.OpType == "Constant")
            {
                FloatValueAttributeToTensor(node);
            }

            _nodes.Add(node);
        }

        /// <summary>Constant's value_float/value_floats attributes cannot hold float16: they become a float16 value tensor.</summary>
        private static void FloatValueAttributeToTensor(NodeProto node)
        {
            AttributeProto? scalar = OnnxElementTypeInference.Attribute(node, "value_float");
            AttributeProto? list = OnnxElementTypeInference.Attribute(node, "value_floats");
            if (scalar is null && list is null)
            {
                return;
            }

            var tensor = new TensorProto { DataType = HalfPrecisionTensor.Float };
            if (scalar is not null)
            {
                tensor.FloatData.Add(scalar.F);
                node.Attribute.Remove(scalar);
            }
            else
            {
                tensor.FloatData.AddRange(list!.Floats);
                tensor.Dims.Add(list.Floats.Count);
                node.Attribute.Remove(list);
            }

            HalfPrecisionTensor.ConvertInPlace(tensor);
            node.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = tensor });
        }

        /// <summary>A kept operator reads float32 copies of its float inputs and writes float32, cast back to float16 under the original names.</summary>
        private void RewriteKept(NodeProto node)
        {
            for (int i = 0; i < node.Input.Count; i++)
            {
                string input = node.Input[i];
                if (input.Length > 0 && TypeOf(input, node) == HalfPrecisionTensor.Float)
                {
                    node.Input[i] = FloatCopyOf(input);
                }
            }

            var castsBack = new List<NodeProto>();
            for (int i = 0; i < node.Output.Count; i++)
            {
                string output = node.Output[i];
                if (output.Length > 0 && TypeOf(output, node) == HalfPrecisionTensor.Float)
                {
                    string single = FreshTensor(output + "_fp32");
                    node.Output[i] = single;
                    castsBack.Add(CastNode(single, output, HalfPrecisionTensor.Float16));
                    _floatOf[output] = single;
                }
            }

            _nodes.Add(node);
            _nodes.AddRange(castsBack);
        }

        private string FloatCopyOf(string tensor)
        {
            if (!_floatOf.TryGetValue(tensor, out string? single))
            {
                single = FreshTensor(tensor + "_fp32");
                _nodes.Add(CastNode(tensor, single, HalfPrecisionTensor.Float));
                _floatOf[tensor] = single;
            }

            return single;
        }

        private int TypeOf(string tensor, NodeProto node) =>
            _originalTypes.TryGetValue(tensor, out int type)
                ? type
                : throw new NotSupportedException(
                    $"The float16 conversion cannot tell the element type of '{tensor}' next to node '{node.Name}' ({node.OpType}), which must stay float32.");

        /// <summary>Float graph outputs keep float32: the graph computes a float16 tensor under a new name, cast to the output's name.</summary>
        private void CastFloatOutputs()
        {
            foreach (ValueInfoProto output in _graph.Output.Where(IsFloatTensor))
            {
                if (_graphInputs.Contains(output.Name))
                {
                    continue;
                }

                string half = FreshTensor(output.Name + "_fp16");
                foreach (NodeProto node in _nodes)
                {
                    Rename(node.Input, output.Name, half);
                    Rename(node.Output, output.Name, half);
                }

                foreach (ValueInfoProto valueInfo in _graph.ValueInfo.Where(value => value.Name == output.Name))
                {
                    valueInfo.Name = half;
                }

                // The output of a kept operator exists in float32 already: pass that on rather than round it twice.
                _nodes.Add(_floatOf.TryGetValue(output.Name, out string? single)
                    ? new NodeProto { OpType = "Identity", Name = FreshNode(output.Name + "_identity"), Input = { single }, Output = { output.Name } }
                    : CastNode(half, output.Name, HalfPrecisionTensor.Float));
            }
        }

        private void RetypeValueInfo()
        {
            var outputs = _graph.Output.Select(output => output.Name).ToHashSet(StringComparer.Ordinal);
            var floatTensors = _floatOf.Values.ToHashSet(StringComparer.Ordinal);
            foreach (ValueInfoProto valueInfo in _graph.ValueInfo.Where(IsFloatTensor))
            {
                if (!outputs.Contains(valueInfo.Name) && !_graphInputs.Contains(valueInfo.Name) && !floatTensors.Contains(valueInfo.Name))
                {
                    valueInfo.Type.TensorType.ElemType = HalfPrecisionTensor.Float16;
                }
            }
        }

        private static void Rename(Google.Protobuf.Collections.RepeatedField<string> names, string from, string to)
        {
            for (int i = 0; i < names.Count; i++)
            {
                if (names[i] == from)
                {
                    names[i] = to;
                }
            }
        }

        private static bool IsFloatTensor(ValueInfoProto value) => value.Type?.TensorType?.ElemType == HalfPrecisionTensor.Float;

        private NodeProto CastNode(string input, string output, int to) => new()
        {
            OpType = "Cast",
            Name = FreshNode(output + "_cast"),
            Input = { input },
            Output = { output },
            Attribute = { new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = to } },
        };

        private string FreshTensor(string wanted) => Fresh(_tensorNames, wanted);

        private string FreshNode(string wanted) => Fresh(_nodeNames, wanted);

        private static string Fresh(HashSet<string> taken, string wanted)
        {
            string candidate = wanted;
            for (int suffix = 1; !taken.Add(candidate); suffix++)
            {
                candidate = $"{wanted}_{suffix}";
            }

            return candidate;
        }
    }
}
