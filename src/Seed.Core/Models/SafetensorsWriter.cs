using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Seed.Core.Models;

/// <summary>
/// The write side of <see cref="SafetensorsFile"/>: checks the tensors, builds the space-padded JSON header and writes
/// F32 data in name order to a temporary file that is then moved over the target.
/// </summary>
internal static class SafetensorsWriter
{
    /// <summary>See <see cref="SafetensorsFile.Write"/>.</summary>
    public static void Write(string path, IEnumerable<SafetensorTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        List<SafetensorTensor> ordered = ValidateForWrite(tensors);
        byte[] header = BuildHeader(ordered, metadata);

        string fullPath = Path.GetFullPath(path);
        string temporaryPath = fullPath + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                Span<byte> lengthPrefix = stackalloc byte[SafetensorsHeader.LengthPrefixBytes];
                BinaryPrimitives.WriteUInt64LittleEndian(lengthPrefix, (ulong)header.Length);
                stream.Write(lengthPrefix);
                stream.Write(header);
                foreach (SafetensorTensor tensor in ordered)
                {
                    WriteFloat32LittleEndian(stream, tensor.Data);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporaryPath))
            {
                File.Delete(temporaryPath);
            }
        }
    }

    private static List<SafetensorTensor> ValidateForWrite(IEnumerable<SafetensorTensor> tensors)
    {
        var ordered = new List<SafetensorTensor>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (SafetensorTensor tensor in tensors)
        {
            if (tensor is null)
            {
                throw new ArgumentException("Tensor list contains null.", nameof(tensors));
            }

            if (string.IsNullOrEmpty(tensor.Name) || tensor.Name == SafetensorsFile.MetadataKey)
            {
                throw new ArgumentException($"Invalid tensor name '{tensor.Name}'.", nameof(tensors));
            }

            if (!names.Add(tensor.Name))
            {
                throw new ArgumentException($"Tensor '{tensor.Name}' appears twice.", nameof(tensors));
            }

            if (tensor.Shape is null || tensor.Data is null || tensor.Shape.Any(dimension => dimension < 0))
            {
                throw new ArgumentException($"Tensor '{tensor.Name}' needs a non-negative shape and data.", nameof(tensors));
            }

            if (tensor.ElementCount != tensor.Data.Length)
            {
                throw new ArgumentException(
                    $"Tensor '{tensor.Name}' has shape {tensor.ShapeText} ({tensor.ElementCount} elements) but {tensor.Data.Length} values.",
                    nameof(tensors));
            }

            ordered.Add(tensor);
        }

        ordered.Sort((left, right) => string.CompareOrdinal(left.Name, right.Name));
        return ordered;
    }

    private static byte[] BuildHeader(List<SafetensorTensor> ordered, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(SafetensorsFile.MetadataKey);
                // Sorted keys make the file byte-for-byte reproducible for the same inputs.
                foreach (KeyValuePair<string, string> entry in metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(entry.Key, entry.Value);
                }

                writer.WriteEndObject();
            }

            long offset = 0;
            foreach (SafetensorTensor tensor in ordered)
            {
                long byteCount = (long)tensor.Data.Length * sizeof(float);
                writer.WriteStartObject(tensor.Name);
                writer.WriteString("dtype", "F32");
                writer.WriteStartArray("shape");
                foreach (int dimension in tensor.Shape)
                {
                    writer.WriteNumberValue(dimension);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + byteCount);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += byteCount;
            }

            writer.WriteEndObject();
        }

        int paddedLength = (buffer.WrittenCount + 7) & ~7;
        byte[] header = new byte[paddedLength];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static void WriteFloat32LittleEndian(FileStream stream, float[] data)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
            return;
        }

        Span<byte> bytes = stackalloc byte[sizeof(float)];
        foreach (float value in data)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
            stream.Write(bytes);
        }
    }
}
