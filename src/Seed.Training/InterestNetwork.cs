using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seed.Training;

/// <summary>
/// The trainable twin of the serving code in Seed.Core.Interest, in TorchSharp:
/// <list type="bullet">
/// <item>item tower v = normalize(W_t e + b_t) (<c>item_tower</c>, initialised to the identity so training starts from plain text similarity);</item>
/// <item>long-term lt_t = Σ_{k≤t} w_k · 0.5^((t_t − t_k)/halfLife) · v_k (no parameters; the same sum the grain accumulates event by event);</item>
/// <item>an LSTM over <see cref="Seed.Core.Interest.EventFeatures"/> (<c>lstm</c>), short-term st = normalize(W_s h + b_s) (<c>short_term</c>);</item>
/// <item>fusion g = σ(w_f · h + b_f) (<c>fusion</c>) and query q = normalize(g · normalize(lt) + (1 − g) · st);</item>
/// <item>score(item) = scale · (q · v) + popularity · ln(1 + count): the two scalars are trained, and serving ranks by
/// q · v + (popularity / scale) · ln(1 + count), the same order.</item>
/// </list>
/// </summary>
internal sealed class InterestNetwork : nn.Module
{
#pragma warning disable IDE0044, IDE1006, CA2213 // TorchSharp registers and disposes modules through fields named after the tensors (their names are the checkpoint keys).
    private readonly LSTM lstm;
    private readonly Linear short_term;
    private readonly Linear fusion;
    private readonly Linear item_tower;
    private readonly Parameter log_scale;
    private readonly Parameter popularity;
#pragma warning restore IDE0044, IDE1006, CA2213

    public InterestNetwork(int embeddingDim, int hiddenDim, double longTermHalfLifeSeconds)
        : base(nameof(InterestNetwork))
    {
        EmbeddingDim = embeddingDim;
        HiddenDim = hiddenDim;
        LongTermHalfLifeSeconds = longTermHalfLifeSeconds;
        var inputSize = Core.Interest.EventFeatures.InputSize(embeddingDim);
        lstm = nn.LSTM(inputSize, hiddenDim, batchFirst: true);
        short_term = nn.Linear(hiddenDim, embeddingDim);
        fusion = nn.Linear(hiddenDim, 1);
        item_tower = nn.Linear(embeddingDim, embeddingDim);
        using (no_grad())
        {
            item_tower.weight!.copy_(eye(embeddingDim));
            item_tower.bias!.zero_();
        }

        // Cosines live in [-1, 1]; a softmax over thousands of items needs them sharpened. 10 is a neutral start.
        log_scale = new Parameter(tensor(MathF.Log(10f)));
        popularity = new Parameter(tensor(0.5f));
        RegisterComponents();
    }

    public int EmbeddingDim { get; }

    public int HiddenDim { get; }

    public double LongTermHalfLifeSeconds { get; }

    public Tensor Scale => log_scale.exp();

    public Tensor PopularityWeight => popularity;

    /// <summary>normalize(W_t e + b_t) for a [.., D] batch of raw text embeddings; an all-zero embedding stays zero, as in ItemTower.</summary>
    public Tensor ItemVectors(Tensor embeddings)
    {
        var projected = nn.functional.normalize(item_tower.call(embeddings), p: 2, dim: -1, eps: 1e-12);
        var isZero = embeddings.abs().amax([-1L], keepdim: true).eq(0);
        return projected.masked_fill(isZero, 0f);
    }

    /// <summary>Runs one chunk of events for a batch of users and returns the query after every event, and the carried state.</summary>
    public ChunkResult Forward(ChunkInputs inputs)
    {
        var (output, hidden, cell) = lstm.call(inputs.Features, (inputs.Hidden, inputs.Cell));
        var shortTerm = nn.functional.normalize(short_term.call(output), p: 2, dim: -1, eps: 1e-12);
        var gate = fusion.call(output).sigmoid();

        var eventVectors = ItemVectors(inputs.Features.narrow(-1, 0, EmbeddingDim));
        var longTerm = LongTerm(inputs, eventVectors);
        var query = nn.functional.normalize(
            (gate * nn.functional.normalize(longTerm, p: 2, dim: -1, eps: 1e-12)) + ((1 - gate) * shortTerm), p: 2, dim: -1, eps: 1e-12);
        return new ChunkResult(query, hidden, cell, longTerm);
    }

    // lt_t = decay(t_t − t_prev) · lt_in + Σ_{k ≤ t} w_k · decay(t_t − t_k) · v_k, as one batched matrix product.
    // Times are float64 so that second-resolution gaps survive years of offsets; the decay factors are then float32.
    private Tensor LongTerm(ChunkInputs inputs, Tensor eventVectors)
    {
        var ln2OverHalfLife = Math.Log(2) / LongTermHalfLifeSeconds;
        var times = inputs.Times;
        var gaps = times.unsqueeze(2) - times.unsqueeze(1);
        var length = times.shape[1];
        var causal = ones(length, length, dtype: ScalarType.Bool).tril().unsqueeze(0);
        var decay = (gaps.clamp_min(0) * -ln2OverHalfLife).exp().to_type(ScalarType.Float32);
        var mixing = decay.masked_fill(causal.logical_not(), 0f) * inputs.Weights.unsqueeze(1);
        var carried = ((times - inputs.PreviousTime.unsqueeze(1)).clamp_min(0) * -ln2OverHalfLife).exp().to_type(ScalarType.Float32);
        return mixing.bmm(eventVectors) + (carried.unsqueeze(2) * inputs.LongTerm.unsqueeze(1));
    }
}
