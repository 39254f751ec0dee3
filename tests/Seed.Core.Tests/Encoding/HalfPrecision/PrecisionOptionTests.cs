using Microsoft.Extensions.Logging;
using Seed.Core.Tests.Encoding.Named;
using Seed.Encoders;

namespace Seed.Core.Tests.Encoding.HalfPrecision;

/// <summary><see cref="EncoderOptions.Precision"/> as the encoder honours it: float16 on CUDA only, one warning elsewhere.</summary>
public sealed class PrecisionOptionTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    private const string Text = "A cheerful romantic comedy set in Paris.";

    [Fact]
    public void Fp16_on_the_cpu_runs_the_float32_graph_with_one_warning_naming_the_setting()
    {
        var logger = new CapturingLogger();

        using OnnxSentenceEncoder encoder = OnnxSentenceEncoder.Load(new EncoderOptions { Model = KnownEncoders.AllMiniLmL6V2, Precision = "fp16" }, logger);

        Assert.Equal("Cpu", encoder.ActiveExecutionProvider);
        Assert.Equal("Fp32", encoder.ActivePrecision);
        string warning = SingleWarning(logger);
        Assert.Contains("Seed:Encoder:Precision=Fp16", warning, StringComparison.Ordinal);
        Assert.Contains("CUDA", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("Converted", StringComparison.Ordinal));
        VectorAssert.Close(fixture.Encoder.Encode([Text])[0], encoder.Encode([Text])[0], 1e-6, "Fp16 on the CPU");
    }

    [Fact]
    public void Fp16_with_cuda_converts_the_graph_and_without_a_gpu_falls_back_to_float32_on_the_cpu_with_one_warning()
    {
        var logger = new CapturingLogger();

        using OnnxSentenceEncoder encoder = OnnxSentenceEncoder.Load(
            new EncoderOptions { Model = KnownEncoders.AllMiniLmL6V2, ExecutionProvider = "Cuda", Precision = "Fp16" }, logger);

        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Information && entry.Message.Contains("to float16 in", StringComparison.Ordinal));
        float[] expected = fixture.Encoder.Encode([Text])[0];
        float[] actual = encoder.Encode([Text])[0];
#if SEED_GPU
        // The GPU build on a machine with a usable CUDA device runs the float16 graph there, silently.
        if (encoder.ActiveExecutionProvider == "Cuda")
        {
            Assert.DoesNotContain(logger.Entries, entry => entry.Level >= LogLevel.Warning);
            Assert.Equal("Fp16", encoder.ActivePrecision);
            float cosine = Seed.Core.Numerics.VectorOps.Cosine(expected, actual);
            Assert.True(cosine >= 0.999f, $"cosine {cosine} between float32 on the CPU and float16 on CUDA");
            return;
        }
#endif
        Assert.Equal("Cpu", encoder.ActiveExecutionProvider);
        Assert.Equal("Fp32", encoder.ActivePrecision);
        string warning = SingleWarning(logger);
        Assert.Contains("CUDA execution provider was requested", warning, StringComparison.Ordinal);
        Assert.Contains("float32 graph", warning, StringComparison.Ordinal);
        VectorAssert.Close(expected, actual, 1e-6, "CUDA fallback");
    }

    [Fact]
    public void Fp16_does_not_apply_to_potion_and_says_so_once()
    {
        var logger = new CapturingLogger();

        using OnnxSentenceEncoder encoder = OnnxSentenceEncoder.Load(new EncoderOptions { Model = KnownEncoders.PotionBase4M, Precision = "Fp16" }, logger);

        Assert.Equal("Fp32", encoder.ActivePrecision);
        string warning = SingleWarning(logger);
        Assert.Contains("Seed:Encoder:Precision=Fp16 does not apply to potion-base-4M", warning, StringComparison.Ordinal);
    }

    private static string SingleWarning(CapturingLogger logger) =>
        Assert.Single(logger.Entries, entry => entry.Level >= LogLevel.Warning).Message;
}
