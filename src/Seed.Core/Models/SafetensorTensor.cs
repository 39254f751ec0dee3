using System.Diagnostics.CodeAnalysis;

namespace Seed.Core.Models;

/// <summary>
/// One named tensor of a safetensors file. Whatever the on-disk dtype, <see cref="Data"/> holds the values
/// converted to float32 (row-major, C order), because every consumer in Seed computes in float32.
/// </summary>
public sealed class SafetensorTensor
{
    /// <summary>Creates an empty tensor to fill with an object initializer.</summary>
    public SafetensorTensor()
    {
    }

    /// <summary>Creates a tensor; <paramref name="dType"/> records the original storage type (F32 for new data).</summary>
    [SetsRequiredMembers]
    public SafetensorTensor(string name, int[] shape, float[] data, string dType = "F32")
    {
        Name = name;
        Shape = shape;
        Data = data;
        DType = dType;
    }

    /// <summary>Tensor name, e.g. <c>lstm.weight_ih</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The dtype the tensor had on disk (F32, F16, BF16 or I8). Writing always stores F32.</summary>
    public string DType { get; init; } = "F32";

    /// <summary>Dimensions, outermost first. An empty array is a scalar (one element).</summary>
    public required int[] Shape { get; init; }

    /// <summary>Values converted to float32, row-major.</summary>
    public required float[] Data { get; init; }

    /// <summary>Number of elements implied by <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (int dimension in Shape)
            {
                count *= dimension;
            }

            return count;
        }
    }

    /// <summary>True when the tensor has exactly the given dimensions.</summary>
    public bool HasShape(params ReadOnlySpan<int> expected) => Shape.AsSpan().SequenceEqual(expected);

    /// <summary>Shape rendered as <c>[a, b]</c> for error messages.</summary>
    public string ShapeText => FormatShape(Shape);

    internal static string FormatShape(ReadOnlySpan<int> shape)
    {
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}
