using Microsoft.Extensions.Options;
using Seed.Encoders;
using Seed.Testing;

namespace Seed.Core.Tests.Encoding;

public sealed class EncoderOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_point_at_the_model_the_repository_ships()
    {
        var options = new EncoderOptions();

        Assert.True(new EncoderOptionsValidator().Validate(null, options).Succeeded);
        string folder = KnownEncoders.ResolveFolder(options.Model);
        Assert.Equal(Path.Combine(RepositoryPaths.FindRepositoryRoot()!, "models", "potion-base-4M-int8"), folder);
        Assert.True(File.Exists(Path.Combine(folder, options.ModelFileName)));
        Assert.True(File.Exists(Path.Combine(folder, options.VocabFileName)));
        Assert.Equal("Seed:Encoder", EncoderOptions.SectionName);
    }

    [Theory]
    [InlineData(nameof(EncoderOptions.MaxTokens), 2, true)]
    [InlineData(nameof(EncoderOptions.MaxTokens), 1, false)]
    [InlineData(nameof(EncoderOptions.MaxTokens), -1, false)]
    [InlineData(nameof(EncoderOptions.MaxTokens), int.MaxValue, true)]
    [InlineData(nameof(EncoderOptions.CudaDeviceId), 0, true)]
    [InlineData(nameof(EncoderOptions.CudaDeviceId), -1, false)]
    [InlineData(nameof(EncoderOptions.IntraOpThreads), 0, true)]
    [InlineData(nameof(EncoderOptions.IntraOpThreads), -1, false)]
    [InlineData(nameof(EncoderOptions.MaxBatchSize), 1, true)]
    [InlineData(nameof(EncoderOptions.MaxBatchSize), 0, false)]
    [InlineData(nameof(EncoderOptions.MaxBatchTokens), 1, true)]
    [InlineData(nameof(EncoderOptions.MaxBatchTokens), 0, false)]
    [InlineData(nameof(EncoderOptions.CacheCapacity), 0, true)]
    [InlineData(nameof(EncoderOptions.CacheCapacity), -1, false)]
    [InlineData(nameof(EncoderOptions.CacheCapacity), int.MaxValue, true)]
    public void Counts_have_a_lower_bound(string setting, int value, bool valid)
    {
        EncoderOptions options = EncoderFixture.CreateOptions();
        typeof(EncoderOptions).GetProperty(setting)!.SetValue(options, value);

        OptionsAssert.Rule(new EncoderOptionsValidator(), options, $"Seed:Encoder:{setting}", valid);
    }

    [Theory]
    [InlineData(0d, true)]
    [InlineData(-double.Epsilon, false)]
    [InlineData(double.MaxValue, true)]
    [InlineData(double.PositiveInfinity, false)]
    [InlineData(double.NaN, false)]
    public void The_batch_delay_is_a_finite_number_not_below_zero(double value, bool valid)
    {
        EncoderOptions options = EncoderFixture.CreateOptions();
        options.MaxBatchDelayMilliseconds = value;

        OptionsAssert.Rule(new EncoderOptionsValidator(), options, "Seed:Encoder:MaxBatchDelayMilliseconds", valid);
    }

    [Theory]
    [InlineData(nameof(EncoderOptions.Model), "")]
    [InlineData(nameof(EncoderOptions.Model), " ")]
    [InlineData(nameof(EncoderOptions.Model), null)]
    [InlineData(nameof(EncoderOptions.ModelFileName), "")]
    [InlineData(nameof(EncoderOptions.VocabFileName), "")]
    public void File_settings_must_not_be_empty(string setting, string? value)
    {
        EncoderOptions options = EncoderFixture.CreateOptions();
        typeof(EncoderOptions).GetProperty(setting)!.SetValue(options, value);

        OptionsAssert.Rule(new EncoderOptionsValidator(), options, $"Seed:Encoder:{setting}", valid: false);
    }

    [Theory]
    [InlineData(nameof(EncoderOptions.ExecutionProvider), "Tpu")]
    [InlineData(nameof(EncoderOptions.ExecutionProvider), "")]
    [InlineData(nameof(EncoderOptions.Pooling), "MaxPooling")]
    [InlineData(nameof(EncoderOptions.Pooling), "1")]
    [InlineData(nameof(EncoderOptions.Precision), "Half")]
    [InlineData(nameof(EncoderOptions.Precision), "")]
    public void Names_outside_the_documented_values_are_refused(string setting, string value)
    {
        EncoderOptions options = EncoderFixture.CreateOptions();
        typeof(EncoderOptions).GetProperty(setting)!.SetValue(options, value);

        OptionsAssert.Rule(new EncoderOptionsValidator(), options, $"Seed:Encoder:{setting}", valid: false);
    }

    [Theory]
    [InlineData("cpu", "auto", false, "Auto")]
    [InlineData("CPU", "SENTENCEEMBEDDING", false, "SentenceEmbedding")]
    [InlineData("Cpu", "MeanPooling", false, "MeanPooling")]
    [InlineData("CUDA", "Auto", true, "Auto")]
    [InlineData("cuda", "meanpooling", true, "MeanPooling")]
    public void Provider_and_pooling_names_are_case_insensitive(string provider, string pooling, bool cuda, string parsedPooling)
    {
        var options = new EncoderOptions { ExecutionProvider = provider, Pooling = pooling };

        OptionsAssert.Rule(new EncoderOptionsValidator(), options, "Seed:Encoder", valid: true);
        Assert.Equal(cuda, options.ParseExecutionProvider());
        Assert.Equal(parsedPooling, options.ParsePooling().ToString());
    }

    [Theory]
    [InlineData("fp32", false)]
    [InlineData("FP16", true)]
    [InlineData("Fp16", true)]
    public void Precision_names_are_case_insensitive_and_default_to_fp32(string precision, bool half)
    {
        var options = new EncoderOptions { Precision = precision };

        OptionsAssert.Rule(new EncoderOptionsValidator(), options, "Seed:Encoder", valid: true);
        Assert.Equal(half, options.ParsePrecision());
        Assert.False(new EncoderOptions().ParsePrecision());
    }

    [Fact]
    public void An_unknown_precision_is_refused_in_one_line_naming_the_key_and_the_values()
    {
        string failure = SingleOneLineFailure(new EncoderOptions { Precision = "bf16" });

        Assert.Contains("Seed:Encoder:Precision must be \"Fp32\" or \"Fp16\", but is \"bf16\".", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_setting_is_reported_not_just_the_first()
    {
        var options = new EncoderOptions { MaxTokens = -1, ExecutionProvider = "Tpu", CacheCapacity = -1 };

        var error = Assert.Throws<OptionsValidationException>(() => new EncoderOptionsValidator().ThrowIfInvalid(options));

        Assert.Equal(typeof(EncoderOptions), error.OptionsType);
        Assert.Equal(3, error.Failures.Count());
        Assert.Contains("Seed:Encoder:MaxTokens", error.Message, StringComparison.Ordinal);
        Assert.Contains("Seed:Encoder:ExecutionProvider must be \"Cpu\" or \"Cuda\", but is \"Tpu\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("Seed:Encoder:CacheCapacity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_folder_names_the_file_and_the_setting()
    {
        string missingFolder = Path.Combine(Path.GetTempPath(), $"seed-no-model-{Guid.NewGuid():N}");
        EncoderOptions options = EncoderFixture.CreateOptions();
        options.Model = missingFolder;

        FileNotFoundException error = Assert.Throws<FileNotFoundException>(() => OnnxSentenceEncoder.Load(options));

        Assert.Equal(Path.Combine(missingFolder, "model.onnx"), error.FileName);
        Assert.Contains(Path.Combine(missingFolder, "model.onnx"), error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("Seed:Encoder:Model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_vocabulary_file_is_named()
    {
        EncoderOptions options = EncoderFixture.CreateOptions();
        options.VocabFileName = "missing-vocab.txt";

        FileNotFoundException error = Assert.Throws<FileNotFoundException>(() => OnnxSentenceEncoder.Load(options));

        Assert.Contains("missing-vocab.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains("VocabFileName", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("potion-base-4M", true)]
    [InlineData("all-MiniLM-L6-v2", true)]
    [InlineData("ARCTIC-EMBED-XS", true)]
    [InlineData("some/folder/that/the/loader/checks", true)]
    [InlineData("all-MiniLM-L12-v2", false)]
    public void Model_takes_a_known_name_or_a_folder(string model, bool valid)
    {
        EncoderOptions options = EncoderFixture.CreateOptions();
        options.Model = model;

        OptionsAssert.Rule(new EncoderOptionsValidator(), options, "Seed:Encoder:Model", valid);
    }

    [Fact]
    public void An_unknown_encoder_name_is_one_line_listing_the_known_names()
    {
        string failure = SingleOneLineFailure(new EncoderOptions { Model = "mpnet" });

        Assert.Contains("Seed:Encoder:Model is \"mpnet\"", failure, StringComparison.Ordinal);
        Assert.Contains("potion-base-4M, all-MiniLM-L6-v2, arctic-embed-xs", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_former_ModelPath_setting_is_refused_with_its_new_name()
    {
        var options = new EncoderOptions { ModelPath = "models/potion-base-4M-int8" };

        var error = Assert.Throws<OptionsValidationException>(() => new EncoderOptionsValidator().ThrowIfInvalid(options));

        Assert.Contains("Seed:Encoder:ModelPath was renamed to Seed:Encoder:Model", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    /// <summary>The one validation failure of <paramref name="options"/>, asserted to fit on one line.</summary>
    private static string SingleOneLineFailure(EncoderOptions options)
    {
        var error = Assert.Throws<OptionsValidationException>(() => new EncoderOptionsValidator().ThrowIfInvalid(options));
        string failure = Assert.Single(error.Failures);
        Assert.DoesNotContain('\n', failure);
        return failure;
    }
}
