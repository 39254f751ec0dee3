using System.Security.Cryptography;
using System.Text;

namespace Seed.Api.Security;

/// <summary>How a key is stored in configuration: the lowercase hexadecimal SHA-256 of its UTF-8 bytes.</summary>
public static class ApiKeyHash
{
    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsWellFormed(string hash) => hash.Length == 64 && hash.All(char.IsAsciiHexDigit);
}
