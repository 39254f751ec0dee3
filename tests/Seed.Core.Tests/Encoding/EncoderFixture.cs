using Seed.Encoders;

namespace Seed.Core.Tests.Encoding;

/// <summary>One real encoder per test class: loading is cheap, but sharing it also exercises concurrent use.</summary>
public sealed class EncoderFixture : IDisposable
{
    public EncoderFixture()
    {
        Encoder = OnnxSentenceEncoder.Load(CreateOptions());
    }

    public OnnxSentenceEncoder Encoder { get; }

    /// <summary>Production defaults, pointed at the shared model folder.</summary>
    public static EncoderOptions CreateOptions() => new() { Model = TestPaths.ModelDirectory };

    public void Dispose() => Encoder.Dispose();
}
