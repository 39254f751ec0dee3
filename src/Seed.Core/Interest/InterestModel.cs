using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json;
using Seed.Core.Models;
using Seed.Core.Numerics;
using Seed.Abstractions;

namespace Seed.Core.Interest;

/// <summary>
/// The learned interest model, loaded from a folder (normally <c>models/interest-lstm/</c>) holding
/// <c>config.json</c> and <c>model.safetensors</c> produced by the training code:
/// an LSTM over <see cref="EventFeatures"/> (short-term intent), a linear head from the hidden state to the
/// ranking space, a fusion gate deciding how much the long-term vector counts in the query, and an optional
/// item tower (absent means identity).
/// <para>Config (camelCase): <c>{"format":"seed-interest-lstm","version":1,"embeddingDim":D,"hiddenDim":H,
/// "eventKinds":[9 names in EventType order],"name":"...","createdBy":"...","inputLayout":"..."}</c>.</para>
/// <para>Tensors: <c>lstm.weight_ih</c> [4H, In], <c>lstm.weight_hh</c> [4H, H], <c>lstm.bias_ih</c> [4H], <c>lstm.bias_hh</c> [4H],
/// <c>short_term.weight</c> [D, H], <c>short_term.bias</c> [D], <c>fusion.weight</c> [1, H], <c>fusion.bias</c> [1],
/// optional <c>item_tower.weight</c> [D, D] with <c>item_tower.bias</c> [D]; In = <see cref="EventFeatures.InputSize"/>(D).</para>
/// Immutable and thread-safe once loaded.
/// </summary>
public sealed class InterestModel
{
    /// <summary>File name of the model configuration inside the model folder.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>File name of the weights inside the model folder.</summary>
    public const string WeightsFileName = "model.safetensors";

    /// <summary>Value of the config "format" field.</summary>
    public const string FormatName = "seed-interest-lstm";

    /// <summary>The only config "version" this code understands.</summary>
    public const int SupportedVersion = 1;

    private readonly float[] _shortTermWeight;
    private readonly float[] _shortTermBias;
    private readonly float[] _fusionWeight;
    private readonly float _fusionBias;

    private InterestModel(
        int embeddingDim,
        int hiddenDim,
        LstmCell lstm,
        ItemTower itemTower,
        float[] shortTermWeight,
        float[] shortTermBias,
        float[] fusionWeight,
        float fusionBias,
        ModelConfig config,
        string description)
    {
        EmbeddingDim = embeddingDim;
        HiddenDim = hiddenDim;
        Lstm = lstm;
        ItemTower = itemTower;
        _shortTermWeight = shortTermWeight;
        _shortTermBias = shortTermBias;
        _fusionWeight = fusionWeight;
        _fusionBias = fusionBias;
        PopularityWeight = config.PopularityWeight;
        LongTermHalfLife = config.LongTermHalfLifeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        Description = description;
    }

    /// <summary>Dimension D of text embeddings and of the ranking space.</summary>
    public int EmbeddingDim { get; }

    /// <summary>LSTM hidden size H.</summary>
    public int HiddenDim { get; }

    /// <summary>The recurrent cell consuming <see cref="EventFeatures"/>.</summary>
    public LstmCell Lstm { get; }

    /// <summary>Projection of item embeddings into the ranking space (identity when the model has none).</summary>
    public ItemTower ItemTower { get; }

    /// <summary>
    /// Weight of the popularity prior in the ranking score: score = q · v + PopularityWeight · ln(1 + count)
    /// (<see cref="Ranking.PopularityPrior"/>). Config field <c>popularityWeight</c>; 0 (no prior) when absent.
    /// </summary>
    public float PopularityWeight { get; }

    /// <summary>
    /// Half-life of the long-term vector the model was trained with (config <c>longTermHalfLifeSeconds</c>). The
    /// LSTM's fusion gate learned to weigh a vector that decays at this rate, so serving must use the same one;
    /// null when the config does not say (then the configured <see cref="InterestOptions.LongTermHalfLife"/> applies).
    /// </summary>
    public TimeSpan? LongTermHalfLife { get; }

    /// <summary>Human-readable provenance built from the config (name, author, creation time, sizes).</summary>
    public string Description { get; }

    /// <summary>
    /// Loads the model when the folder holds one. Returns false with a reason when there is no model to load
    /// (missing folder or missing <c>model.safetensors</c>), so the caller can fall back to the model-free tracker;
    /// throws <see cref="InvalidDataException"/> naming the field or tensor when the files exist but are inconsistent,
    /// because silently ignoring a broken deployment would hide it.
    /// </summary>
    public static bool TryLoad(string directory, out InterestModel? model, out string reason)
    {
        model = null;
        if (string.IsNullOrWhiteSpace(directory))
        {
            reason = "no model directory configured";
            return false;
        }

        if (!Directory.Exists(directory))
        {
            reason = $"model directory {directory} does not exist";
            return false;
        }

        if (!File.Exists(Path.Combine(directory, WeightsFileName)))
        {
            reason = $"no {WeightsFileName} in {directory}";
            return false;
        }

        model = Load(directory);
        reason = $"loaded {model.Description} from {directory}";
        return true;
    }

    /// <summary>Loads the model or throws (<see cref="FileNotFoundException"/> when a file is missing, <see cref="InvalidDataException"/> when inconsistent).</summary>
    public static InterestModel Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string configPath = Path.Combine(directory, ConfigFileName);
        string weightsPath = Path.Combine(directory, WeightsFileName);
        if (!File.Exists(weightsPath))
        {
            throw new FileNotFoundException($"No {WeightsFileName} in {directory}.", weightsPath);
        }

        if (!File.Exists(configPath))
        {
            throw new InvalidDataException($"{directory} has {WeightsFileName} but no {ConfigFileName}; the model cannot be interpreted without it.");
        }

        ModelConfig config = ReadConfig(configPath);
        IReadOnlyDictionary<string, SafetensorTensor> tensors = SafetensorsFile.Read(weightsPath);
        return Build(config, tensors, weightsPath);
    }

    /// <summary>Short-term interest: normalize(W_s h + b_s), in the ranking space.</summary>
    public void ShortTerm(ReadOnlySpan<float> hidden, Span<float> destination)
    {
        RequireHidden(hidden);
        if (destination.Length != EmbeddingDim)
        {
            throw new ArgumentException($"Destination has length {destination.Length}, expected {EmbeddingDim}.", nameof(destination));
        }

        ReadOnlySpan<float> weight = _shortTermWeight;
        for (int row = 0; row < EmbeddingDim; row++)
        {
            destination[row] = TensorPrimitives.Dot(weight.Slice(row * HiddenDim, HiddenDim), hidden) + _shortTermBias[row];
        }

        VectorOps.NormalizeInPlace(destination);
    }

    /// <summary>σ(w_f · h + b_f): the share of the long-term vector in the fused query (the rest goes to short-term).</summary>
    public float FusionGate(ReadOnlySpan<float> hidden)
    {
        RequireHidden(hidden);
        float logit = TensorPrimitives.Dot(_fusionWeight, hidden) + _fusionBias;
        return 1f / (1f + MathF.Exp(-logit));
    }

    private void RequireHidden(ReadOnlySpan<float> hidden)
    {
        if (hidden.Length != HiddenDim)
        {
            throw new ArgumentException($"Hidden state has length {hidden.Length}, expected {HiddenDim}.", nameof(hidden));
        }
    }

    private static InterestModel Build(ModelConfig config, IReadOnlyDictionary<string, SafetensorTensor> tensors, string weightsPath)
    {
        int d = config.EmbeddingDim;
        int h = config.HiddenDim;
        int inputSize = EventFeatures.InputSize(d);

        float[] weightIh = Require(tensors, "lstm.weight_ih", weightsPath, 4 * h, inputSize);
        float[] weightHh = Require(tensors, "lstm.weight_hh", weightsPath, 4 * h, h);
        float[] biasIh = Require(tensors, "lstm.bias_ih", weightsPath, 4 * h);
        float[] biasHh = Require(tensors, "lstm.bias_hh", weightsPath, 4 * h);
        float[] shortTermWeight = Require(tensors, "short_term.weight", weightsPath, d, h);
        float[] shortTermBias = Require(tensors, "short_term.bias", weightsPath, d);
        float[] fusionWeight = Require(tensors, "fusion.weight", weightsPath, 1, h);
        float[] fusionBias = Require(tensors, "fusion.bias", weightsPath, 1);

        bool hasTowerWeight = tensors.ContainsKey("item_tower.weight");
        bool hasTowerBias = tensors.ContainsKey("item_tower.bias");
        if (hasTowerWeight != hasTowerBias)
        {
            throw new InvalidDataException(
                $"{weightsPath}: tensor '{(hasTowerWeight ? "item_tower.bias" : "item_tower.weight")}' is missing; the item tower needs both weight and bias.");
        }

        ItemTower itemTower = hasTowerWeight
            ? new ItemTower(d, d, Require(tensors, "item_tower.weight", weightsPath, d, d), Require(tensors, "item_tower.bias", weightsPath, d))
            : ItemTower.Identity(d);

        var lstm = new LstmCell(inputSize, h, weightIh, weightHh, biasIh, biasHh);
        string description = string.Create(
            CultureInfo.InvariantCulture,
            $"{config.Name}{(config.CreatedBy is null ? "" : $" by {config.CreatedBy}")}{(config.CreatedAt is null ? "" : $" ({config.CreatedAt})")}"
            + $" [D={d}, H={h}, item tower: {(hasTowerWeight ? "learned" : "identity")}, popularity weight: {config.PopularityWeight:G4}]");
        return new InterestModel(d, h, lstm, itemTower, shortTermWeight, shortTermBias, fusionWeight, fusionBias[0], config, description);
    }

    private static float[] Require(IReadOnlyDictionary<string, SafetensorTensor> tensors, string name, string weightsPath, params ReadOnlySpan<int> shape)
    {
        if (!tensors.TryGetValue(name, out SafetensorTensor? tensor))
        {
            throw new InvalidDataException($"{weightsPath}: required tensor '{name}' is missing.");
        }

        if (!tensor.HasShape(shape))
        {
            throw new InvalidDataException(
                $"{weightsPath}: tensor '{name}' has shape {tensor.ShapeText}, expected {SafetensorTensor.FormatShape(shape)} (from config embeddingDim/hiddenDim).");
        }

        // One NaN weight would turn every user state it touches into NaN forever; refuse it at load time.
        if (!TensorPrimitives.IsFiniteAll<float>(tensor.Data))
        {
            throw new InvalidDataException($"{weightsPath}: tensor '{name}' contains NaN or infinite values.");
        }

        return tensor.Data;
    }

    private static ModelConfig ReadConfig(string configPath)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(configPath));
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{configPath}: not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{configPath}: must be a JSON object.");
            }

            string format = ReadString(root, "format", configPath) ?? throw Missing("format", configPath);
            if (format != FormatName)
            {
                throw new InvalidDataException($"{configPath}: field 'format' is '{format}', expected '{FormatName}'.");
            }

            int version = ReadPositiveInt(root, "version", configPath);
            if (version != SupportedVersion)
            {
                throw new InvalidDataException($"{configPath}: field 'version' is {version}; this build supports version {SupportedVersion}.");
            }

            int embeddingDim = ReadPositiveInt(root, "embeddingDim", configPath);
            int hiddenDim = ReadPositiveInt(root, "hiddenDim", configPath);
            ValidateEventKinds(root, configPath);

            string name = ReadString(root, "name", configPath) ?? "unnamed interest model";
            float popularityWeight = (float)(ReadOptionalNumber(root, "popularityWeight", configPath, minimum: 0) ?? 0);
            double? halfLifeSeconds = ReadOptionalNumber(root, "longTermHalfLifeSeconds", configPath, minimum: double.Epsilon);
            return new ModelConfig(
                embeddingDim, hiddenDim, name, ReadString(root, "createdBy", configPath), ReadString(root, "createdAt", configPath), popularityWeight, halfLifeSeconds);
        }
    }

    // The one-hot slots are positional: a model trained with a different kind order would read every event wrongly.
    private static void ValidateEventKinds(JsonElement root, string configPath)
    {
        if (!root.TryGetProperty("eventKinds", out JsonElement kinds) || kinds.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{configPath}: field 'eventKinds' (array of the {EventFeatures.EventKindCount} kinds in one-hot order) is missing.");
        }

        if (kinds.GetArrayLength() != EventFeatures.EventKindCount)
        {
            throw new InvalidDataException(
                $"{configPath}: field 'eventKinds' has {kinds.GetArrayLength()} entries, expected {EventFeatures.EventKindCount}.");
        }

        int index = 0;
        foreach (JsonElement kindElement in kinds.EnumerateArray())
        {
            string expected = ((EventType)index).ToString();
            string? actual = kindElement.ValueKind == JsonValueKind.String ? kindElement.GetString() : null;
            if (actual is null || !string.Equals(Canonical(actual), Canonical(expected), StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException(
                    $"{configPath}: field 'eventKinds'[{index}] is '{kindElement}', expected '{expected}' (EventType order is part of the model format).");
            }

            index++;
        }
    }

    // Accepts "addToCart", "AddToCart", "add_to_cart" and "add-to-cart" alike: Python and C# spell enum names differently.
    private static string Canonical(string kindName) => kindName.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    private static string? ReadString(JsonElement root, string field, string configPath)
    {
        if (!root.TryGetProperty(field, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : throw new InvalidDataException($"{configPath}: field '{field}' must be a string.");
    }

    private static int ReadPositiveInt(JsonElement root, string field, string configPath)
    {
        if (!root.TryGetProperty(field, out JsonElement element))
        {
            throw Missing(field, configPath);
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out int value) || value <= 0)
        {
            throw new InvalidDataException($"{configPath}: field '{field}' must be a positive integer, found {element}.");
        }

        return value;
    }

    private static double? ReadOptionalNumber(JsonElement root, string field, string configPath, double minimum)
    {
        if (!root.TryGetProperty(field, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double value) || !double.IsFinite(value) || value < minimum
            || value > float.MaxValue)
        {
            throw new InvalidDataException($"{configPath}: field '{field}' must be a finite number >= {minimum.ToString(CultureInfo.InvariantCulture)}, found {element}.");
        }

        return value;
    }

    private static InvalidDataException Missing(string field, string configPath) => new($"{configPath}: required field '{field}' is missing.");

    private sealed record ModelConfig(
        int EmbeddingDim, int HiddenDim, string Name, string? CreatedBy, string? CreatedAt, float PopularityWeight, double? LongTermHalfLifeSeconds);
}
