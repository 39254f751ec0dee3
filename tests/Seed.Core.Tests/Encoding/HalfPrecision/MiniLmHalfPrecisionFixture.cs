using Microsoft.ML.OnnxRuntime;
using Seed.Core.Tests.Encoding.Named;
using Seed.Encoders;
using Seed.Encoders.Onnx;

namespace Seed.Core.Tests.Encoding.HalfPrecision;

/// <summary>all-MiniLM-L6-v2 as shipped (the base fixture) next to its float16 conversion, run on the CPU: the only
/// place the converted graph can be checked without a GPU.</summary>
public sealed class MiniLmHalfPrecisionFixture : NamedEncoderFixture
{
    public MiniLmHalfPrecisionFixture()
        : base(KnownEncoders.AllMiniLmL6V2)
    {
        HalfModelBytes = FloatToHalfGraphConverter.Convert(ModelBytes);
        HalfSession = new InferenceSession(HalfModelBytes);
    }

    public byte[] HalfModelBytes { get; }

    public InferenceSession HalfSession { get; }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            HalfSession.Dispose();
        }

        base.Dispose(disposing);
    }
}
