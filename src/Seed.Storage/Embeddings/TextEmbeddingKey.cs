using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Seed.Storage.Embeddings;

/// <summary>
/// The 128-bit key a text is stored under: the first 16 bytes of SHA-256 of its UTF-8 bytes. Texts are not stored
/// (item descriptions can be long, and a key is enough to find the vector); 128 bits make an accidental collision
/// negligible (about 2^-64 after 2^32 distinct texts).
/// </summary>
public static class TextEmbeddingKey
{
    /// <summary>Bytes in a key.</summary>
    public const int Length = 16;

    /// <summary>The key of <paramref name="text"/>.</summary>
    public static UInt128 Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int byteCount = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = byteCount > 1024 ? ArrayPool<byte>.Shared.Rent(byteCount) : null;
        Span<byte> utf8 = rented ?? stackalloc byte[byteCount];
        try
        {
            int written = Encoding.UTF8.GetBytes(text, utf8);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8[..written], hash);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The key as the 16 little-endian bytes a database column holds.</summary>
    public static byte[] ToBytes(UInt128 key)
    {
        var bytes = new byte[Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(bytes, key);
        return bytes;
    }

    /// <summary>Reads a key written by <see cref="ToBytes"/>.</summary>
    public static UInt128 FromBytes(ReadOnlySpan<byte> bytes) => System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(bytes);
}
