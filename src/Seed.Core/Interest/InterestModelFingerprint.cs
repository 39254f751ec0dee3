using System.Security.Cryptography;

namespace Seed.Core.Interest;

/// <summary>
/// The version of a model folder: a content hash of <c>config.json</c> and <c>model.safetensors</c>. Two silos that
/// loaded folders with the same fingerprint serve the same model, whatever the folders are called, and a folder
/// edited in place gets a new one.
/// </summary>
public static class InterestModelFingerprint
{
    /// <summary>Hex digits kept from the SHA-256: enough to tell deployed models apart, short enough to read in /healthz.</summary>
    public const int Length = 16;

    /// <summary>The version of a silo running without learned weights (the long-term-only fallback).</summary>
    public const string Fallback = "fallback";

    /// <summary>SHA-256 over the config bytes, a separator and the weights bytes, as <see cref="Length"/> lower-case hex digits.</summary>
    /// <exception cref="IOException">A file is missing or unreadable.</exception>
    public static string Compute(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(Path.Combine(directory, InterestModel.ConfigFileName)));
        // The separator keeps a byte moved from the end of one file to the start of the other from hashing alike.
        hash.AppendData([0]);
        using (var weights = File.OpenRead(Path.Combine(directory, InterestModel.WeightsFileName)))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = weights.Read(buffer)) > 0)
            {
                hash.AppendData(buffer.AsSpan(0, read));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..Length];
    }
}
