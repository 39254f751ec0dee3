using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;

namespace Seed.Encoders.Onnx;

/// <summary>Rewrites a float32 ONNX tensor (an initializer or a node attribute) as float16.</summary>
internal static class HalfPrecisionTensor
{
    /// <summary>The largest finite float16 value.</summary>
    internal const float MaxFinite = 65504f;

    /// <summary>Element type codes of <c>TensorProto.DataType</c> used by the converter.</summary>
    internal const int Float = (int)TensorProto.Types.DataType.Float;

    internal const int Float16 = (int)TensorProto.Types.DataType.Float16;

    /// <summary>
    /// Replaces the tensor's float32 values (in <c>float_data</c> or little-endian <c>raw_data</c>) by float16 values
    /// in <c>raw_data</c> and sets its type to FLOAT16. A tensor of another type is left as it is.
    /// </summary>
    /// <exception cref="NotSupportedException">The tensor keeps its values in an external file.</exception>
    public static void ConvertInPlace(TensorProto tensor)
    {
        if (tensor.DataType != Float)
        {
            return;
        }

        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw new NotSupportedException($"Tensor '{tensor.Name}' keeps its values in an external file; only self-contained models can be converted to float16.");
        }

        var half = new byte[checked(ElementCount(tensor) * sizeof(short))];
        if (tensor.FloatData.Count > 0)
        {
            for (int i = 0; i < tensor.FloatData.Count; i++)
            {
                BinaryPrimitives.WriteHalfLittleEndian(half.AsSpan(2 * i), ToHalf(tensor.FloatData[i]));
            }
        }
        else
        {
            // ONNX stores raw_data little-endian whatever the machine; read it so, not by reinterpreting memory.
            ReadOnlySpan<byte> raw = tensor.RawData.Span;
            for (int i = 0; i < raw.Length / sizeof(float); i++)
            {
                BinaryPrimitives.WriteHalfLittleEndian(half.AsSpan(2 * i), ToHalf(BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * i)..])));
            }
        }

        tensor.FloatData.Clear();
        tensor.DataType = Float16;
        // The array is fresh and not written again, so the ByteString may wrap it instead of copying 2 bytes a weight.
        tensor.RawData = UnsafeByteOperations.UnsafeWrap(half);
    }

    /// <summary>
    /// Rounds to the nearest float16 (ties to even, as <c>(Half)value</c> does), with two guards that keep the graph's
    /// meaning: finite values beyond ±65504 are clamped to ±65504 instead of becoming infinities (a -3.4e38 attention
    /// mask constant must stay a large negative number, not -inf that turns 0 × mask into NaN), and non-zero values
    /// too small for float16's smallest subnormal (about 6e-8) keep their sign as ±6e-8 instead of becoming 0 (a
    /// layer norm's 1e-12 epsilon must still guard its division). NaN and infinities are kept.
    /// </summary>
    public static Half ToHalf(float value)
    {
        if (!float.IsFinite(value))
        {
            return (Half)value;
        }

        var half = (Half)Math.Clamp(value, -MaxFinite, MaxFinite);
        if (half == Half.Zero && value != 0f)
        {
            return value > 0f ? Half.Epsilon : -Half.Epsilon;
        }

        return half;
    }

    private static int ElementCount(TensorProto tensor) =>
        tensor.FloatData.Count > 0 ? tensor.FloatData.Count : tensor.RawData.Length / sizeof(float);
}
