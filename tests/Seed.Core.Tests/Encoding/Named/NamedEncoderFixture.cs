using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using Seed.Encoders;

namespace Seed.Core.Tests.Encoding.Named;

/// <summary>
/// One named transformer loaded through <see cref="OnnxSentenceEncoder"/>, next to the independent reference: a raw
/// ONNX Runtime session on the same package resource and a hand-written WordPiece on its vocabulary. Loaded once per
/// test class: each model is about 90 MB.
/// </summary>
public abstract class NamedEncoderFixture : IDisposable
{
    protected NamedEncoderFixture(string name)
    {
        Model = KnownEncoders.FindTransformer(name)!;
        Encoder = OnnxSentenceEncoder.Load(new EncoderOptions { Model = name });
        Assembly resources = Assembly.Load(new AssemblyName(Model.ResourceAssembly));
        using (Stream vocab = resources.GetManifestResourceStream(Model.VocabResource)!)
        {
            ReferenceTokenizer = new ReferenceWordPiece(vocab);
        }

        using Stream model = resources.GetManifestResourceStream(Model.ModelResource)!;
        using var copy = new MemoryStream();
        model.CopyTo(copy);
        ModelBytes = copy.ToArray();
        ReferenceSession = new InferenceSession(ModelBytes);
    }

    public NamedEncoderModel Model { get; }

    public OnnxSentenceEncoder Encoder { get; }

    public ReferenceWordPiece ReferenceTokenizer { get; }

    public InferenceSession ReferenceSession { get; }

    /// <summary>The package's model.onnx as shipped (float32).</summary>
    public byte[] ModelBytes { get; }

    /// <summary>The sentence vector as the model card computes it, for one unpadded text: run the graph on
    /// (ids, ones, zeros), pool by the model's rule, L2-normalise. <paramref name="session"/> runs another build of the
    /// graph (the float16 conversion); it must keep the inputs and the float32 output.</summary>
    public float[] ReferenceEmbedding(long[] ids, InferenceSession? session = null)
    {
        long[] shape = [1, ids.Length];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        var inputs = new Dictionary<string, OrtValue> { ["input_ids"] = inputIds, ["attention_mask"] = mask, ["token_type_ids"] = types };
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = (session ?? ReferenceSession).Run(runOptions, inputs, ["last_hidden_state"]);
        ReadOnlySpan<float> hidden = outputs[0].GetTensorDataAsSpan<float>();
        int dimension = hidden.Length / ids.Length;
        var pooled = new double[dimension];
        int pooledTokens = Model.Pooling == EncoderPooling.Cls ? 1 : ids.Length;
        for (int t = 0; t < pooledTokens; t++)
        {
            for (int d = 0; d < dimension; d++)
            {
                pooled[d] += hidden[t * dimension + d];
            }
        }

        double norm = Math.Sqrt(pooled.Sum(value => value * value));
        return [.. pooled.Select(value => (float)(value / norm))];
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Encoder.Dispose();
            ReferenceSession.Dispose();
        }
    }
}
