using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
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
/// </summary>
public static class SafetensorsFile
{
    /// <summary>Reserved header key holding the free-form string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    // The reference implementation refuses headers above 100 MB; a larger value is a corrupt length prefix,
    // and refusing it avoids allocating gigabytes because of one flipped byte.
    private const long MaxHeaderBytes = 100_000_000;
    private const int HeaderLengthPrefixBytes = 8;
    private const int ConversionChunkBytes = 1 << 20;

    /// <summary>Reads every tensor of the file, converted to float32, keyed by tensor name.</summary>
    public static IReadOnlyDictionary<string, SafetensorTensor> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        long fileLength = RandomAccess.GetLength(handle);
        using JsonDocument header = ReadHeader(handle, fileLength, path, out long dataStart);
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

            TensorEntry entry = ParseEntry(property, bufferLength, path);
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
        using JsonDocument header = ReadHeader(handle, RandomAccess.GetLength(handle), path, out _);

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!header.RootElement.TryGetProperty(MetadataKey, out JsonElement metadataElement))
        {
            return metadata;
        }

        if (metadataElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: '{MetadataKey}' must be a JSON object of strings.");
        }

        foreach (JsonProperty entry in metadataElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"{path}: metadata entry '{entry.Name}' must be a string, found {entry.Value.ValueKind}.");
            }

            metadata[entry.Name] = entry.Value.GetString()!;
        }

        return metadata;
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

        List<SafetensorTensor> ordered = ValidateForWrite(tensors);
        byte[] header = BuildHeader(ordered, metadata);

        string fullPath = Path.GetFullPath(path);
        string temporaryPath = fullPath + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                Span<byte> lengthPrefix = stackalloc byte[HeaderLengthPrefixBytes];
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

    private static JsonDocument ReadHeader(SafeFileHandle handle, long fileLength, string path, out long dataStart)
    {
        if (fileLength < HeaderLengthPrefixBytes)
        {
            throw new InvalidDataException($"{path}: {fileLength} bytes is too short for a safetensors file (needs an 8-byte header length).");
        }

        Span<byte> lengthPrefix = stackalloc byte[HeaderLengthPrefixBytes];
        ReadExactly(handle, lengthPrefix, 0, path, "header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthPrefix);
        if (headerLength > MaxHeaderBytes)
        {
            throw new InvalidDataException($"{path}: header length {headerLength} exceeds the {MaxHeaderBytes}-byte limit (corrupt file?).");
        }

        if ((long)headerLength > fileLength - HeaderLengthPrefixBytes)
        {
            throw new InvalidDataException(
                $"{path}: header claims {headerLength} bytes but only {fileLength - HeaderLengthPrefixBytes} follow (truncated file?).");
        }

        byte[] headerBytes = new byte[(int)headerLength];
        ReadExactly(handle, headerBytes, HeaderLengthPrefixBytes, path, "header");
        dataStart = HeaderLengthPrefixBytes + (long)headerLength;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(headerBytes);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path}: header is not valid JSON: {exception.Message}", exception);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new InvalidDataException($"{path}: header must be a JSON object.");
        }

        return document;
    }

    private static TensorEntry ParseEntry(JsonProperty property, long bufferLength, string path)
    {
        string name = property.Name;
        JsonElement value = property.Value;
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: tensor '{name}' header entry must be a JSON object.");
        }

        if (!value.TryGetProperty("dtype", out JsonElement dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw new InvalidDataException($"{path}: tensor '{name}' has no string 'dtype'.");
        }

        string dtype = dtypeElement.GetString()!;
        int elementSize = dtype switch
        {
            "F32" => 4,
            "F16" or "BF16" => 2,
            "I8" => 1,
            _ => throw new InvalidDataException($"{path}: tensor '{name}' has unsupported dtype '{dtype}' (supported: F32, F16, BF16, I8)."),
        };

        if (!value.TryGetProperty("shape", out JsonElement shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: tensor '{name}' has no 'shape' array.");
        }

        var shape = new int[shapeElement.GetArrayLength()];
        long elementCount = 1;
        int index = 0;
        foreach (JsonElement dimensionElement in shapeElement.EnumerateArray())
        {
            if (dimensionElement.ValueKind != JsonValueKind.Number || !dimensionElement.TryGetInt32(out int dimension) || dimension < 0)
            {
                throw new InvalidDataException($"{path}: tensor '{name}' has an invalid shape dimension '{dimensionElement}'.");
            }

            shape[index++] = dimension;
            elementCount *= dimension;
            if (elementCount > Array.MaxLength)
            {
                throw new InvalidDataException($"{path}: tensor '{name}' has {SafetensorTensor.FormatShape(shape)}: too many elements for one float array.");
            }
        }

        if (!value.TryGetProperty("data_offsets", out JsonElement offsetsElement)
            || offsetsElement.ValueKind != JsonValueKind.Array
            || offsetsElement.GetArrayLength() != 2
            || !offsetsElement[0].TryGetInt64(out long begin)
            || !offsetsElement[1].TryGetInt64(out long end))
        {
            throw new InvalidDataException($"{path}: tensor '{name}' needs 'data_offsets' as [begin, end] integers.");
        }

        if (begin < 0 || end < begin)
        {
            throw new InvalidDataException($"{path}: tensor '{name}' has invalid data_offsets [{begin}, {end}].");
        }

        if (end > bufferLength)
        {
            throw new InvalidDataException(
                $"{path}: tensor '{name}' data_offsets [{begin}, {end}] run past the end of the {bufferLength}-byte data buffer (truncated file?).");
        }

        long expectedBytes = elementCount * elementSize;
        if (end - begin != expectedBytes)
        {
            throw new InvalidDataException(
                $"{path}: tensor '{name}' ({dtype} {SafetensorTensor.FormatShape(shape)}) needs {expectedBytes} bytes but data_offsets span {end - begin}.");
        }

        return new TensorEntry(name, dtype, shape, (int)elementCount, elementSize, begin);
    }

    private static float[] ReadData(SafeFileHandle handle, long dataStart, TensorEntry entry, string path)
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

    private static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long fileOffset, string path, string what)
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

            if (string.IsNullOrEmpty(tensor.Name) || tensor.Name == MetadataKey)
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
                writer.WriteStartObject(MetadataKey);
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

    private readonly record struct TensorEntry(string Name, string DType, int[] Shape, int ElementCount, int ElementSize, long Begin);
}
