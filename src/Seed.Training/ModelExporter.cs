using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Seed.Abstractions;
using Seed.Core.Collaborative;
using Seed.Core.Interest;
using Seed.Core.Models;
using static TorchSharp.torch;

namespace Seed.Training;

/// <summary>
/// Writes a trained <see cref="InterestNetwork"/> in the serving format read by <see cref="InterestModel"/>
/// (models/README.md): <c>config.json</c>, <c>model.safetensors</c> and a <c>MODEL_CARD.md</c>.
/// </summary>
internal static class ModelExporter
{
    /// <summary>Serving tensor name for each TorchSharp parameter name.</summary>
    public static readonly IReadOnlyDictionary<string, string> ServingNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["lstm.weight_ih_l0"] = "lstm.weight_ih",
        ["lstm.weight_hh_l0"] = "lstm.weight_hh",
        ["lstm.bias_ih_l0"] = "lstm.bias_ih",
        ["lstm.bias_hh_l0"] = "lstm.bias_hh",
        ["short_term.weight"] = "short_term.weight",
        ["short_term.bias"] = "short_term.bias",
        ["fusion.weight"] = "fusion.weight",
        ["fusion.bias"] = "fusion.bias",
        ["item_tower.weight"] = "item_tower.weight",
        ["item_tower.bias"] = "item_tower.bias",
    };

    /// <summary>Writes model.safetensors and config.json (the two files the model's content hash covers).</summary>
    public static void Export(InterestNetwork network, string directory, string name, string provenance, CoLikeSettings coLike)
    {
        Directory.CreateDirectory(directory);
        var tensors = new List<SafetensorTensor>();
        foreach (var (parameterName, parameter) in network.named_parameters())
        {
            if (!ServingNames.TryGetValue(parameterName, out var servingName))
            {
                continue; // the softmax scale and the raw popularity weight are folded into the config below
            }

            using var values = parameter.detach().contiguous();
            tensors.Add(new SafetensorTensor(servingName, [.. values.shape.Select(d => (int)d)], values.reshape(-1).data<float>().ToArray()));
        }

        SafetensorsFile.Write(Path.Combine(directory, InterestModel.WeightsFileName), tensors, new Dictionary<string, string> { ["format"] = "pt" });
        WriteConfig(network, directory, name, provenance, coLike);
    }

    /// <summary>
    /// Writes config.json alone: after the co-like settings are chosen for weights already written, only the config
    /// changes.
    /// </summary>
    public static void WriteConfig(InterestNetwork network, string directory, string name, string provenance, CoLikeSettings coLike)
    {
        var config = new JsonObject
        {
            ["format"] = InterestModel.FormatName,
            ["version"] = InterestModel.SupportedVersion,
            ["name"] = name,
            ["createdBy"] = provenance,
            ["createdAt"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["embeddingDim"] = network.EmbeddingDim,
            ["hiddenDim"] = network.HiddenDim,
            ["eventKinds"] = new JsonArray([.. Enum.GetValues<EventType>().Select(kind => (JsonNode)JsonValue.Create(kind.ToString()))]),
            ["popularityWeight"] = PopularityWeight(network),
            ["longTermHalfLifeSeconds"] = network.LongTermHalfLifeSeconds,
            ["coLikeWeight"] = coLike.Weight,
            ["coLikeDecay"] = coLike.Decay,
            ["coLikeWindow"] = coLike.Window,
            ["inputLayout"] = "[e (D) | one-hot kind (9) | weight/3 | log1p(gap hours)/10 | sin(hour) | cos(hour)]",
        };
        File.WriteAllText(
            Path.Combine(directory, InterestModel.ConfigFileName),
            config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n",
            new UTF8Encoding(false));
    }

    /// <summary>Writes MODEL_CARD.md, which is not part of the model's content hash.</summary>
    public static void WriteModelCard(string directory, string modelCard) =>
        File.WriteAllText(Path.Combine(directory, "MODEL_CARD.md"), modelCard, new UTF8Encoding(false));

    /// <summary>The serving weight of ln(1 + count): the trained popularity weight over the trained softmax scale.</summary>
    public static double PopularityWeight(InterestNetwork network)
    {
        using var ratio = network.PopularityWeight / network.Scale;
        return Math.Max(0.0, ratio.item<float>());
    }

    /// <summary>Loads serving-format weights back into a network (for the parity test and for fine-tuning).</summary>
    public static void Load(InterestNetwork network, string directory)
    {
        var tensors = SafetensorsFile.Read(Path.Combine(directory, InterestModel.WeightsFileName));
        using var noGrad = no_grad();
        foreach (var (parameterName, parameter) in network.named_parameters())
        {
            if (ServingNames.TryGetValue(parameterName, out var servingName))
            {
                var stored = tensors[servingName];
                using var values = tensor(stored.Data, [.. stored.Shape.Select(d => (long)d)]);
                parameter.copy_(values);
            }
        }
    }
}
