using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Models;
using Seed.Core;
using Seed.Core.Interest;
using Seed.Core.Telemetry;
using Seed.Encoders;

namespace Seed.Grains.Users;

/// <summary>
/// Loads the learned interest model once per silo and builds the tracker every user grain shares. Without a
/// weights file the product runs the documented long-term-only fallback; it never invents weights.
/// </summary>
public sealed class InterestModelProvider
{
    public InterestModelProvider(
        IOptions<InterestModelOptions> modelOptions,
        IOptions<InterestOptions> interestOptions,
        ISentenceEncoder encoder,
        ILogger<InterestModelProvider> logger)
    {
        var directory = RepositoryPaths.Resolve(modelOptions.Value.Path);
        if (InterestModel.TryLoad(directory, out var model, out var reason) && model is not null)
        {
            if (model.EmbeddingDim != encoder.Dimension)
            {
                throw new InvalidOperationException(
                    $"The interest model in '{directory}' expects {model.EmbeddingDim}-d embeddings but the encoder produces {encoder.Dimension}-d; retrain the model for this encoder or point Seed:InterestModel:Path elsewhere.");
            }

            Mode = InterestModelMode.Learned;
            Detail = $"{model.Description} ({directory}, hidden {model.HiddenDim})";
            logger.LogInformation("Interest model loaded from {Directory}: {Description}", directory, model.Description);
        }
        else
        {
            Mode = InterestModelMode.Fallback;
            Detail = $"long-term-only fallback: {reason}";
            logger.LogWarning(
                "No learned interest model ({Reason}); user grains rank by the time-decayed long-term vector only.", reason);
        }

        Tracker = new InterestTracker(interestOptions.Value, model, encoder.Dimension);
        SeedMetrics.ModelInfo.Record(1, new("interest_model", model?.Description ?? "fallback"), new("mode", Mode.ToString()));
    }

    public InterestModelMode Mode { get; }

    /// <summary>Which weights are loaded, or why the fallback runs.</summary>
    public string Detail { get; }

    public InterestTracker Tracker { get; }
}
