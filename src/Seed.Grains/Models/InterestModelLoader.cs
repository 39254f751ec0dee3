using System.Text.Json;
using Seed.Abstractions.Models;
using Seed.Core.Interest;

namespace Seed.Grains.Models;

/// <summary>
/// Loads a model folder and checks it against the silo's encoder, turning every way a folder can be broken (missing
/// files, invalid config, truncated or corrupt weights, another embedding dimension) into one line, because a reload
/// that fails must leave the running model in place and say why rather than throw through a grain.
/// </summary>
public static class InterestModelLoader
{
    /// <summary>
    /// Loads the learned model in <paramref name="directory"/> (a folder without weights is refused: a reload never
    /// switches a cluster to the fallback). Returns false with a one-line <paramref name="error"/> when it cannot.
    /// </summary>
    public static bool TryLoad(string directory, InterestOptions options, int encoderDimension, out LoadedInterestModel? model, out string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        model = null;
        try
        {
            if (!Directory.Exists(directory))
            {
                error = $"model folder {directory} does not exist";
                return false;
            }

            var version = InterestModelFingerprint.Compute(directory);
            var learned = InterestModel.Load(directory);
            if (learned.EmbeddingDim != encoderDimension)
            {
                error = $"the model in {directory} expects {learned.EmbeddingDim}-d embeddings but the encoder produces {encoderDimension}-d; retrain it for this encoder";
                return false;
            }

            var detail = $"{learned.Description} ({directory}, hidden {learned.HiddenDim}, version {version})";
            model = new LoadedInterestModel(directory, version, InterestModelMode.Learned, detail, new InterestTracker(options, learned, encoderDimension));
            error = "";
            return true;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or JsonException or UnauthorizedAccessException or ArgumentException)
        {
            // The readers name the file and the field or tensor; the type adds nothing an operator can act on.
            error = ex.Message.ReplaceLineEndings(" ");
            return false;
        }
    }

    /// <summary>The model-free tracker, for a silo whose configured folder holds no model.</summary>
    public static LoadedInterestModel Fallback(string directory, string reason, InterestOptions options, int encoderDimension) =>
        new(directory, InterestModelFingerprint.Fallback, InterestModelMode.Fallback, $"long-term-only fallback: {reason}",
            new InterestTracker(options, null, encoderDimension));
}
