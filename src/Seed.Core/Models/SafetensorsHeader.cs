using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Seed.Core.Models;

/// <summary>
/// Reading the header of a safetensors file: the 8-byte length prefix, the JSON header, and the checks of each tensor
/// entry (dtype, shape, data_offsets against the buffer) and of <c>__metadata__</c>. All of it runs before a tensor
/// byte is read, so a malformed entry is refused, naming the tensor, before a buffer is allocated from its claims.
/// </summary>
internal static class SafetensorsHeader
{
    /// <summary>Size of the little-endian u64 header length that starts every file.</summary>
    public const int LengthPrefixBytes = 8;

    // The reference implementation refuses headers above 100 MB; a larger value is a corrupt length prefix,
    // and refusing it avoids allocating gigabytes because of one flipped byte.
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>Reads and parses the header; <paramref name="dataStart"/> is the file offset of the byte buffer.</summary>
    public static JsonDocument Read(SafeFileHandle handle, long fileLength, string path, out long dataStart)
    {
        if (fileLength < LengthPrefixBytes)
        {
            throw new InvalidDataException($"{path}: {fileLength} bytes is too short for a safetensors file (needs an 8-byte header length).");
        }

        Span<byte> lengthPrefix = stackalloc byte[LengthPrefixBytes];
        SafetensorsFile.ReadExactly(handle, lengthPrefix, 0, path, "header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthPrefix);
        if (headerLength > MaxHeaderBytes)
        {
            throw new InvalidDataException($"{path}: header length {headerLength} exceeds the {MaxHeaderBytes}-byte limit (corrupt file?).");
        }

        if ((long)headerLength > fileLength - LengthPrefixBytes)
        {
            throw new InvalidDataException(
                $"{path}: header claims {headerLength} bytes but only {fileLength - LengthPrefixBytes} follow (truncated file?).");
        }

        byte[] headerBytes = new byte[(int)headerLength];
        SafetensorsFile.ReadExactly(handle, headerBytes, LengthPrefixBytes, path, "header");
        dataStart = LengthPrefixBytes + (long)headerLength;

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

    /// <summary>Checks one tensor entry of the header against the <paramref name="bufferLength"/>-byte data buffer.</summary>
    public static TensorEntry ParseEntry(JsonProperty property, long bufferLength, string path)
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

    /// <summary>The <c>__metadata__</c> map of the header (empty when the file has none).</summary>
    public static Dictionary<string, string> ReadMetadata(JsonElement root, string path)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty(SafetensorsFile.MetadataKey, out JsonElement metadataElement))
        {
            return metadata;
        }

        if (metadataElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: '{SafetensorsFile.MetadataKey}' must be a JSON object of strings.");
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

    /// <summary>A checked header entry: where the tensor's bytes are and how to convert them.</summary>
    public readonly record struct TensorEntry(string Name, string DType, int[] Shape, int ElementCount, int ElementSize, long Begin);
}
