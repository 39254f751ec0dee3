using Seed.Encoders;

namespace Seed.Core.Tests.Encoding;

public sealed class EncoderOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_point_at_the_shared_model()
    {
        var options = new EncoderOptions();

        options.Validate();
        Assert.Equal(
            Path.Combine(RepositoryPaths.Resolve("../shared"), "models", "potion-base-4M-int8"),
            RepositoryPaths.Resolve(options.ModelPath));
        Assert.Equal("Seed:Encoder", EncoderOptions.SectionName);
    }

    [Theory]
    [InlineData("ExecutionProvider")]
    [InlineData("MaxTokens")]
    [InlineData("Pooling")]
    [InlineData("ModelPath")]
    [InlineData("ModelFileName")]
    [InlineData("VocabFileName")]
    [InlineData("CudaDeviceId")]
    [InlineData("IntraOpThreads")]
    [InlineData("MaxBatchSize")]
    [InlineData("MaxBatchTokens")]
    [InlineData("MaxBatchDelayMilliseconds")]
    [InlineData("CacheCapacity")]
    public void An_invalid_setting_is_named_in_the_exception(string field)
    {
        EncoderOptions options = EncoderFixture.CreateOptions();
        switch (field)
        {
            case "ExecutionProvider": options.ExecutionProvider = "Tpu"; break;
            case "MaxTokens": options.MaxTokens = 1; break;
            case "Pooling": options.Pooling = "MaxPooling"; break;
            case "ModelPath": options.ModelPath = " "; break;
            case "ModelFileName": options.ModelFileName = string.Empty; break;
            case "VocabFileName": options.VocabFileName = string.Empty; break;
            case "CudaDeviceId": options.CudaDeviceId = -1; break;
            case "IntraOpThreads": options.IntraOpThreads = -2; break;
            case "MaxBatchSize": options.MaxBatchSize = 0; break;
            case "MaxBatchTokens": options.MaxBatchTokens = 0; break;
            case "MaxBatchDelayMilliseconds": options.MaxBatchDelayMilliseconds = double.NaN; break;
            case "CacheCapacity": options.CacheCapacity = -1; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "unknown field");
        }

        ArgumentException direct = Assert.Throws<ArgumentException>(options.Validate);
        ArgumentException onLoad = Assert.Throws<ArgumentException>(() => OnnxSentenceEncoder.Load(options));

        Assert.Equal(field, direct.ParamName);
        Assert.Contains($"Seed:Encoder:{field}", direct.Message, StringComparison.Ordinal);
        Assert.Equal(field, onLoad.ParamName);
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

        options.Validate();
        Assert.Equal(cuda, options.ParseExecutionProvider());
        Assert.Equal(parsedPooling, options.ParsePooling().ToString());
    }

    [Fact]
    public void A_missing_model_folder_names_the_file_and_the_setting()
    {
        string missingFolder = Path.Combine(Path.GetTempPath(), $"seed-no-model-{Guid.NewGuid():N}");
        EncoderOptions options = EncoderFixture.CreateOptions();
        options.ModelPath = missingFolder;

        FileNotFoundException error = Assert.Throws<FileNotFoundException>(() => OnnxSentenceEncoder.Load(options));

        Assert.Equal(Path.Combine(missingFolder, "model.onnx"), error.FileName);
        Assert.Contains(Path.Combine(missingFolder, "model.onnx"), error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("Seed:Encoder:ModelPath", error.Message, StringComparison.Ordinal);
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
}
