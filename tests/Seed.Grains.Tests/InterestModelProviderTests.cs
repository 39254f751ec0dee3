using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Models;
using Seed.Core;
using Seed.Core.Interest;
using Seed.Encoders;
using Seed.Grains.Users;

namespace Seed.Grains.Tests;

/// <summary>Which interest model a silo serves for its encoder, with the committed model folders.</summary>
public sealed class InterestModelProviderTests
{
    [Theory]
    [InlineData("all-MiniLM-L6-v2", "interest-lstm-all-MiniLM-L6-v2")]
    [InlineData("arctic-embed-xs", "interest-lstm-arctic-embed-xs")]
    [InlineData("potion-base-4M", "interest-lstm")]
    public void Choosing_only_the_encoder_serves_the_model_committed_for_it(string encoder, string folder)
    {
        var logger = new WarningCounter();
        var provider = Provider(encoder, ShippedPaths.InterestModel, KnownEncoders.IsPotion(encoder) ? 128 : 384, logger);

        Assert.Equal(InterestModelMode.Learned, provider.Mode);
        Assert.Contains(RepositoryPaths.Resolve("models/" + folder) + ",", provider.Detail, StringComparison.Ordinal);
        Assert.Equal(0, logger.Warnings);
    }

    [Fact]
    public void A_folder_encoder_of_another_width_with_the_path_left_default_runs_the_fallback_with_one_warning()
    {
        var logger = new WarningCounter();
        var provider = Provider("/opt/encoders/some-256-d-export", ShippedPaths.InterestModel, 256, logger);

        Assert.Equal(InterestModelMode.Fallback, provider.Mode);
        Assert.Contains("128-d embeddings, the encoder produces 256-d", provider.Detail, StringComparison.Ordinal);
        Assert.Equal(1, logger.Warnings);
    }

    [Fact]
    public void An_explicitly_configured_model_of_the_wrong_size_is_refused_with_one_line_naming_both_sizes()
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            Provider("all-MiniLM-L6-v2", "models/interest-lstm-amazon", 384, new WarningCounter()));

        Assert.Contains("expects 128-d embeddings but the encoder produces 384-d", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Seed:InterestModel:Path", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    private static InterestModelProvider Provider(string encoder, string path, int dimension, ILogger<InterestModelProvider> logger) => new(
        Options.Create(new InterestModelOptions { Path = path }),
        Options.Create(new InterestOptions()),
        Options.Create(new EncoderOptions { Model = encoder }),
        new DimensionOnlyEncoder(dimension),
        logger);

    private sealed class WarningCounter : ILogger<InterestModelProvider>
    {
        public int Warnings { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings++;
            }
        }
    }
}
