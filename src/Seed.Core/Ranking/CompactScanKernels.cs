namespace Seed.Core.Ranking;

/// <summary>Which <see cref="CompactScanKernel"/>s this CPU runs, and the one the scans use.</summary>
internal static class CompactScanKernels
{
    /// <summary>
    /// The fastest kernel here. AVX-512 first: on a Sapphire Rapids-class Xeon its 4-bit scan of a million rows (beyond
    /// any cache, where the scan waits on memory) took 0.75 and 0.93 of the AVX-VNNI kernel's time in two benchmark
    /// runs. AVX-VNNI (the VEX form) is missing on many x86 CPUs that have AVX2 or even AVX-512 VNNI (AMD Zen 4, for
    /// one), so the AVX2 kernel is what most of the others run.
    /// </summary>
    public static CompactScanKernel Best { get; } =
        System.Runtime.Intrinsics.X86.Avx512BW.IsSupported ? CompactScanKernel.Avx512
        : System.Runtime.Intrinsics.X86.AvxVnni.IsSupported ? CompactScanKernel.AvxVnni
        : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? CompactScanKernel.Avx2
        : CompactScanKernel.Portable;

    /// <summary>Every kernel this CPU can run (tests compare them bit for bit).</summary>
    public static IReadOnlyList<CompactScanKernel> Supported { get; } =
        Enum.GetValues<CompactScanKernel>().Where(IsSupported).ToArray();

    public static bool IsSupported(CompactScanKernel kernel) => kernel switch
    {
        CompactScanKernel.Portable => true,
        CompactScanKernel.Avx2 => System.Runtime.Intrinsics.X86.Avx2.IsSupported,
        CompactScanKernel.AvxVnni => System.Runtime.Intrinsics.X86.AvxVnni.IsSupported,
        CompactScanKernel.Avx512 => System.Runtime.Intrinsics.X86.Avx512BW.IsSupported,
        _ => false,
    };
}
