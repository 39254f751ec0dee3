using System.Buffers;
using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Seed.Core.Models;

/// <summary>
/// Reader and writer for the Hugging Face safetensors format:
/// <c>[u64 little-endian header length N][N bytes UTF-8 JSON header][byte buffer]</c>, where the header maps
/// each tensor name to <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> (offsets relative to the buffer)
/// plus an optional <c>"__metadata__"</c> string-to-string map.
/// Reading converts F32, F16, BF16 and I8 to float32; writing always stores F32, tensors sorted by name.
/// Malformed files raise <see cref="InvalidDataException"/> naming the file and, where it applies, the tensor,
/// because a half-loaded model must never reach the ranking path.
/// <para>This class owns the public entry points and reading tensor data (dtype conversion);
/// <see cref="SafetensorsHeader"/> parses and checks the header, <see cref="SafetensorsWriter"/> writes files.</para>
/// </summary>
public static class SafetensorsFile
{
    /// <summary>Reserved header key holding the free-form string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    private const int ConversionChunkBytes = 1 << 20;

    /// <summary>Reads every tensor of the file, converted to float32, keyed by tensor name.</summary>
    public static IReadOnlyDictionary<string, SafetensorTensor> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        long fileLength = RandomAccess.GetLength(handle);
        using JsonDocument header = SafetensorsHeader.Read(handle, fileLength, path, out long dataStart);
        long bufferLength = fileLength - dataStart;

        var tensors = new Dictionary<string, SafetensorTensor>(StringComparer.Ordinal);
        foreach (JsonProperty property in header.RootElement.EnumerateObject())
        {
            if (property.NameEquals(MetadataKey))
            {
                continue;
            }

            if (tensors.ContainsKey(property.Name))
            {
                throw new InvalidDataException($"{path}: tensor '{property.Name}' appears twice in the header.");
            }

            SafetensorsHeader.TensorEntry entry = SafetensorsHeader.ParseEntry(property, bufferLength, path);
            float[] data = ReadData(handle, dataStart, entry, path);
            tensors.Add(entry.Name, new SafetensorTensor(entry.Name, entry.Shape, data, entry.DType));
        }

        return tensors;
    }

    /// <summary>Reads only the <c>__metadata__</c> map of the header (empty when the file has none).</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using JsonDocument header = SafetensorsHeader.Read(handle, RandomAccess.GetLength(handle), path, out _);
        return SafetensorsHeader.ReadMetadata(header.RootElement, path);
    }

    /// <summary>
    /// Writes the tensors as F32 in name order, with the header padded by spaces so the byte buffer starts
    /// 8-byte aligned (allowed by the format, and what the reference writer does). The file is written beside
    /// the target and moved into place, so a reader never sees a half-written model.
    /// </summary>
    public static void Write(string path, IEnumerable<SafetensorTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);

        SafetensorsWriter.Write(path, tensors, metadata);
    }

    private static float[] ReadData(SafeFileHandle handle, long dataStart, SafetensorsHeader.TensorEntry entry, string path)
    {
        var data = new float[entry.ElementCount];
        long fileOffset = dataStart + entry.Begin;
        if (entry.DType == "F32")
        {
            // Same bit layout as float[] on little-endian hosts: read straight into the destination array.
            Span<byte> destinationBytes = MemoryMarshal.AsBytes(data.AsSpan());
            ReadExactly(handle, destinationBytes, fileOffset, path, $"tensor '{entry.Name}'");
            if (!BitConverter.IsLittleEndian)
            {
                Span<int> bits = MemoryMarshal.Cast<float, int>(data.AsSpan());
                BinaryPrimitives.ReverseEndianness(bits, bits);
            }

            return data;
        }

        // Narrow dtypes are converted in bounded chunks so a large tensor never needs a second full-size buffer.
        int elementsPerChunk = ConversionChunkBytes / entry.ElementSize;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(elementsPerChunk * entry.ElementSize);
        try
        {
            for (int first = 0; first < entry.ElementCount; first += elementsPerChunk)
            {
                int count = Math.Min(elementsPerChunk, entry.ElementCount - first);
                Span<byte> source = chunk.AsSpan(0, count * entry.ElementSize);
                ReadExactly(handle, source, fileOffset + ((long)first * entry.ElementSize), path, $"tensor '{entry.Name}'");
                Convert(entry.DType, source, data.AsSpan(first, count));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return data;
    }

    private static void Convert(string dtype, ReadOnlySpan<byte> source, Span<float> destination)
    {
        switch (dtype)
        {
            case "F16" when BitConverter.IsLittleEndian:
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(source), destination);
                break;
            case "F16":
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source.Slice(i * 2, 2));
                }

                break;
            case "BF16":
                // bfloat16 is the upper half of an IEEE float32: shifting the bits back up is an exact conversion.
                for (int i = 0; i < destination.Length; i++)
                {
                    int upperBits = BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(i * 2, 2));
                    destination[i] = BitConverter.Int32BitsToSingle(upperBits << 16);
                }

                break;
            case "I8":
                TensorPrimitives.ConvertChecked<sbyte, float>(MemoryMarshal.Cast<byte, sbyte>(source), destination);
                break;
            default:
                throw new InvalidDataException($"Unsupported dtype '{dtype}'.");
        }
    }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="fileOffset"/>; a short file is an <see cref="InvalidDataException"/> naming <paramref name="what"/>.</summary>
    internal static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long fileOffset, string path, string what)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int read = RandomAccess.Read(handle, destination[total..], fileOffset + total);
            if (read == 0)
            {
                throw new InvalidDataException($"{path}: unexpected end of file while reading {what}.");
            }

            total += read;
        }
    }
}
