using System.Text.Json.Nodes;
using Seed.Core;
using Seed.Core.Interest;
using Seed.Core.Models;

namespace Seed.Grains.Tests;

/// <summary>
/// A model folder in the temporary directory, made from the repository's model: an exact copy, a retrained-looking
/// variant (other weights and ranking settings, so another version that ranks differently), or a broken one.
/// </summary>
internal sealed class TemporaryModelFolder : IDisposable
{
    private TemporaryModelFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "seed-model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string ConfigPath => System.IO.Path.Combine(Path, InterestModel.ConfigFileName);

    public string WeightsPath => System.IO.Path.Combine(Path, InterestModel.WeightsFileName);

    public static TemporaryModelFolder CopyOfShipped()
    {
        var folder = new TemporaryModelFolder();
        var source = RepositoryPaths.Resolve("models/interest-lstm");
        File.Copy(System.IO.Path.Combine(source, InterestModel.ConfigFileName), folder.ConfigPath);
        File.Copy(System.IO.Path.Combine(source, InterestModel.WeightsFileName), folder.WeightsPath);
        return folder;
    }

    /// <summary>
    /// The shipped model with its short-term and item-tower biases shifted (so user states and rows differ), another
    /// popularity weight and no co-like term.
    /// </summary>
    public static TemporaryModelFolder Variant(float popularityWeight, float biasShift)
    {
        var folder = CopyOfShipped();
        var tensors = SafetensorsFile.Read(folder.WeightsPath).Values
            .Select(tensor => tensor.Name is "short_term.bias" or "item_tower.bias"
                ? new SafetensorTensor(tensor.Name, tensor.Shape, [.. tensor.Data.Select((value, i) => value + (biasShift * (((i * 7) % 5) - 2)))])
                : tensor)
            .ToList();
        SafetensorsFile.Write(folder.WeightsPath, tensors);
        folder.EditConfig(config =>
        {
            config["popularityWeight"] = popularityWeight;
            config.Remove("coLikeWeight");
            config.Remove("coLikeDecay");
            config.Remove("coLikeWindow");
        });
        return folder;
    }

    public void EditConfig(Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var config = JsonNode.Parse(File.ReadAllText(ConfigPath))!.AsObject();
        edit(config);
        File.WriteAllText(ConfigPath, config.ToJsonString());
    }

    /// <summary>Cuts the weights file to <paramref name="fraction"/> of its length, as an interrupted copy would.</summary>
    public void TruncateWeights(double fraction)
    {
        var bytes = File.ReadAllBytes(WeightsPath);
        File.WriteAllBytes(WeightsPath, bytes[..(int)(bytes.Length * fraction)]);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
