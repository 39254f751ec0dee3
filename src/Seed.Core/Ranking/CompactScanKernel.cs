namespace Seed.Core.Ranking;

/// <summary>
/// The integer dot-product kernels of the compact scans, in the order they were added (roughly slowest first). Every kernel computes the same exact integer
/// dot products and the same float bound from them, so they give identical floats; they differ only in speed.
/// </summary>
internal enum CompactScanKernel
{
    /// <summary>Vector256 widening multiplies: any CPU .NET vectorises (x86 with AVX2, Arm64 with AdvSIMD, others in software).</summary>
    Portable,

    /// <summary>AVX2 vpmaddubsw + vpmaddwd (unsigned × signed bytes, then pairs of 16-bit products to 32 bits): x86 without VNNI.</summary>
    Avx2,

    /// <summary>AVX-VNNI vpdpbusd (unsigned × signed bytes summed straight into 32-bit lanes): one instruction for Avx2's two.</summary>
    AvxVnni,

    /// <summary>
    /// AVX-512 BW vpmaddubsw + vpmaddwd on 64-byte registers, sixteen rows per step: a whole 128-d 4-bit row per load.
    /// .NET 10 exposes no 512-bit vpdpbusd (no Avx512Vnni class; Avx10v1 is missing on Sapphire Rapids), hence the
    /// two-instruction multiply. Only the 4-bit scan has a 512-bit kernel; the int8 scan runs its best 256-bit one.
    /// </summary>
    Avx512,
}
