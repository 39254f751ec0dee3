using Seed.Core.Collaborative;
using System.Globalization;
using System.Numerics.Tensors;
using Seed.Core.Models;
using Seed.Core.Numerics;

namespace Seed.Core.Interest;

/// <summary>
/// The learned interest model, loaded from a folder (normally <c>models/interest-lstm/</c>) holding
/// <c>config.json</c> and <c>model.safetensors</c> produced by the training code:
/// an LSTM over <see cref="EventFeatures"/> (short-term intent), a linear head from the hidden state to the
/// ranking space, a fusion gate deciding how much the long-term vector counts in the query, and an optional
/// item tower (absent means identity).
/// <para>Config (camelCase keys, read and checked by <see cref="InterestModelConfig"/>): <c>{"format":"seed-interest-lstm",
/// "version":1,"embeddingDim":D,"hiddenDim":H,"eventKinds":[9 names in EventType order],"name":"...","createdBy":"...",
/// "popularityWeight":w,"longTermHalfLifeSeconds":s,"inputLayout":"..."}</c>.</para>
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
        InterestModelConfig config,
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
        CoLike = config.CoLike;
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
    /// The live co-like signal's part in the ranking score (config fields <c>coLikeWeight</c>, <c>coLikeDecay</c>,
    /// <c>coLikeWindow</c>); <see cref="CoLikeSettings.Disabled"/> when the config has no <c>coLikeWeight</c>.
    /// </summary>
    public CoLikeSettings CoLike { get; }

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

        InterestModelConfig config = InterestModelConfig.Read(configPath);
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

    private static InterestModel Build(InterestModelConfig config, IReadOnlyDictionary<string, SafetensorTensor> tensors, string weightsPath)
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
        string coLike = config.CoLike.IsEnabled
            ? string.Create(CultureInfo.InvariantCulture, $"co-like weight {config.CoLike.Weight:G4}, decay {config.CoLike.Decay:G4}, window {config.CoLike.Window}")
            : "co-like: off";
        string description = string.Create(
            CultureInfo.InvariantCulture,
            $"{config.Name}{(config.CreatedBy is null ? "" : $" by {config.CreatedBy}")}{(config.CreatedAt is null ? "" : $" ({config.CreatedAt})")}"
            + $" [D={d}, H={h}, item tower: {(hasTowerWeight ? "learned" : "identity")}, popularity weight: {config.PopularityWeight:G4}, {coLike}]");
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
}
