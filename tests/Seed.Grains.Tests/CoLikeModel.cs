using System.Text.Json.Nodes;
using Seed.Core;
using Seed.Core.Interest;

namespace Seed.Grains.Tests;

/// <summary>
/// The repository's learned model with its co-like settings replaced by known ones (a copy in a temporary folder), so
/// that tests of the co-like term do not depend on what the last training run chose.
/// </summary>
internal static class CoLikeModel
{
    public const float Weight = 1f;
    public const float Decay = 0.5f;
    public const int Window = 3;

    private static readonly Lazy<InterestModel> Model = new(Load);

    public static InterestTracker Tracker() => new(new InterestOptions(), Model.Value, Model.Value.EmbeddingDim);

    public static int Dimension => Model.Value.EmbeddingDim;

    /// <summary>A unit vector along <paramref name="axis"/>.</summary>
    public static float[] Axis(int axis)
    {
        var vector = new float[Dimension];
        vector[axis] = 1f;
        return vector;
    }

    private static InterestModel Load()
    {
        var source = RepositoryPaths.Resolve("models/interest-lstm");
        var folder = Path.Combine(Path.GetTempPath(), "seed-colike-model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.Copy(Path.Combine(source, InterestModel.WeightsFileName), Path.Combine(folder, InterestModel.WeightsFileName));
            var config = JsonNode.Parse(File.ReadAllText(Path.Combine(source, InterestModel.ConfigFileName)))!.AsObject();
            config["coLikeWeight"] = Weight;
            config["coLikeDecay"] = Decay;
            config["coLikeWindow"] = Window;
            File.WriteAllText(Path.Combine(folder, InterestModel.ConfigFileName), config.ToJsonString());
            return InterestModel.Load(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
