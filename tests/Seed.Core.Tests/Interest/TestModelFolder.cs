using Seed.Core.Interest;
using Seed.Core.Models;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Interest;

/// <summary>Writes small random interest models in the on-disk format the training code produces.</summary>
internal static class TestModelFolder
{
    public static readonly string[] EventKindNames = ["view", "click", "addToCart", "purchase", "rating", "search", "review", "dislike", "tag"];

    public static Dictionary<string, SafetensorTensor> RandomTensors(int embeddingDim, int hiddenDim, int seed, bool withItemTower)
    {
        var random = new Random(seed);
        int inputSize = EventFeatures.InputSize(embeddingDim);
        var tensors = new List<SafetensorTensor>
        {
            new("lstm.weight_ih", [4 * hiddenDim, inputSize], TestVectors.Uniform(random, 4 * hiddenDim * inputSize, 0.3f)),
            new("lstm.weight_hh", [4 * hiddenDim, hiddenDim], TestVectors.Uniform(random, 4 * hiddenDim * hiddenDim, 0.3f)),
            new("lstm.bias_ih", [4 * hiddenDim], TestVectors.Uniform(random, 4 * hiddenDim, 0.2f)),
            new("lstm.bias_hh", [4 * hiddenDim], TestVectors.Uniform(random, 4 * hiddenDim, 0.2f)),
            new("short_term.weight", [embeddingDim, hiddenDim], TestVectors.Uniform(random, embeddingDim * hiddenDim)),
            new("short_term.bias", [embeddingDim], TestVectors.Uniform(random, embeddingDim, 0.1f)),
            new("fusion.weight", [1, hiddenDim], TestVectors.Uniform(random, hiddenDim)),
            new("fusion.bias", [1], [0.2f]),
        };
        if (withItemTower)
        {
            tensors.Add(new("item_tower.weight", [embeddingDim, embeddingDim], TestVectors.Uniform(random, embeddingDim * embeddingDim)));
            tensors.Add(new("item_tower.bias", [embeddingDim], TestVectors.Uniform(random, embeddingDim, 0.1f)));
        }

        return tensors.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
    }

    public static string Config(
        int embeddingDim, int hiddenDim, IEnumerable<string>? eventKinds = null, string format = "seed-interest-lstm", string extraFields = "") =>
        $$"""
        {
          "format": "{{format}}",
          "version": 1,
          "embeddingDim": {{embeddingDim}},
          "hiddenDim": {{hiddenDim}},
          "eventKinds": [{{string.Join(", ", (eventKinds ?? EventKindNames).Select(name => $"\"{name}\""))}}],
          "name": "test-lstm",{{extraFields}}
          "createdBy": "unit tests",
          "inputLayout": "embedding|kind one-hot(9)|weight/3|log1p(dt_hours)/10|sin(hour)|cos(hour)"
        }
        """;

    public static void Write(string directory, int embeddingDim, int hiddenDim, IEnumerable<SafetensorTensor> tensors, string? config = null)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, InterestModel.ConfigFileName), config ?? Config(embeddingDim, hiddenDim));
        SafetensorsFile.Write(Path.Combine(directory, InterestModel.WeightsFileName), tensors, new Dictionary<string, string> { ["format"] = "pt" });
    }
}
