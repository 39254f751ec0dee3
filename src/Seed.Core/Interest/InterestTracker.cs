using Seed.Core.Collaborative;
using System.Numerics.Tensors;
using Seed.Abstractions;
using Seed.Core.Numerics;

namespace Seed.Core.Interest;

/// <summary>
/// Applies interactions to a <see cref="UserInterestState"/> and turns the state into a ranking query.
/// <para>Long-term interest (always): lt ← 0.5^(Δt / LongTermHalfLife) · lt + weight · tower(embedding).</para>
/// <para>Short-term interest: with a learned <see cref="InterestModel"/>, the LSTM consumes
/// <see cref="EventFeatures"/> of the raw embedding and st = model.ShortTerm(h), derived from h when needed rather
/// than stored (<see cref="ShortTerm"/>); without one, st is a fast
/// exponential average (ShortTermHalfLife) that is shown to users but deliberately not used for ranking,
/// because an untrained mix of the two would be a guess.</para>
/// <para>Query: with a model, q = normalize(g · normalize(lt) + (1 − g) · st), g = model.FusionGate(h);
/// without one, q = normalize(lt) (long-term-only fallback).</para>
/// Stateless apart from configuration, so one instance serves all users; each state must be updated by one
/// caller at a time.
/// </summary>
public sealed class InterestTracker
{
    private readonly InterestOptions _options;
    private readonly InterestModel? _model;
    private readonly double _longTermHalfLifeSeconds;
    private readonly double _shortTermHalfLifeSeconds;

    /// <summary>Creates a tracker; <paramref name="model"/> null selects the model-free fallback.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting in <paramref name="options"/> is invalid; the message names its key.</exception>
    public InterestTracker(InterestOptions options, InterestModel? model, int embeddingDim)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingDim);
        // Library entry for options built in code (evaluator, tests); the same generated rules the host runs at start.
        new InterestOptionsValidator().ThrowIfInvalid(options);
        if (model is not null && model.EmbeddingDim != embeddingDim)
        {
            throw new ArgumentException(
                $"The interest model was trained for {model.EmbeddingDim}-d embeddings but the encoder produces {embeddingDim}-d ones.", nameof(model));
        }

        _options = options;
        _model = model;
        // A model's fusion gate was trained against a long-term vector decaying at one rate; serving must match it.
        LongTermHalfLife = model?.LongTermHalfLife ?? options.LongTermHalfLife;
        _longTermHalfLifeSeconds = LongTermHalfLife.TotalSeconds;
        _shortTermHalfLifeSeconds = options.ShortTermHalfLife.TotalSeconds;
        EmbeddingDim = embeddingDim;
        ItemTower = model?.ItemTower ?? ItemTower.Identity(embeddingDim);
    }

    /// <summary>Half-life of the long-term vector in use: the model's when it names one, else the configured one.</summary>
    public TimeSpan LongTermHalfLife { get; }

    /// <summary>Weight of the popularity prior the ranking must add (<see cref="InterestModel.PopularityWeight"/>; 0 in fallback).</summary>
    public float PopularityWeight => _model?.PopularityWeight ?? 0f;

    /// <summary>The co-like signal's settings (<see cref="InterestModel.CoLike"/>; disabled in fallback).</summary>
    public CoLikeSettings CoLike => _model?.CoLike ?? CoLikeSettings.Disabled;

    /// <summary>True when a learned model drives the short-term vector and the fusion.</summary>
    public bool UsesLearnedModel => _model is not null;

    /// <summary>Dimension of embeddings, interest vectors and queries.</summary>
    public int EmbeddingDim { get; }

    /// <summary>LSTM hidden size, 0 in fallback mode.</summary>
    public int HiddenDim => _model?.HiddenDim ?? 0;

    /// <summary>The projection that item vectors in the ranking index must also go through.</summary>
    public ItemTower ItemTower { get; }

    /// <summary>A cold state sized for this tracker.</summary>
    public UserInterestState CreateState() => new(EmbeddingDim, HiddenDim);

    /// <summary>
    /// Applies one interaction. <paramref name="embedding"/> is the item's raw text embedding (unit length, or zero
    /// when the item has no text). An event older than the state's last one is applied as if it happened at that
    /// last time (Δt = 0, no decay), and the last event time does not move back: replaying out-of-order deliveries
    /// must never "un-decay" the state.
    /// </summary>
    public EventApplication Apply(UserInterestState state, ReadOnlySpan<float> embedding, EventType kind, float? rating, DateTimeOffset timestamp)
    {
        RequireCompatible(state);
        if (embedding.Length != EmbeddingDim)
        {
            throw new ArgumentException($"Embedding has length {embedding.Length}, expected {EmbeddingDim}.", nameof(embedding));
        }

        // A NaN here would be persisted and poison this user's recommendations forever.
        if (!TensorPrimitives.IsFiniteAll(embedding))
        {
            throw new ArgumentException("Embedding contains NaN or infinite values.", nameof(embedding));
        }

        float weight = _options.WeightFor(kind, rating);
        bool wasLate = false;
        double secondsSincePrevious = 0;
        DateTimeOffset effectiveTime = timestamp;
        if (state.LastEventTime is { } lastEventTime)
        {
            if (timestamp < lastEventTime)
            {
                wasLate = true;
                effectiveTime = lastEventTime;
            }
            else
            {
                secondsSincePrevious = (timestamp - lastEventTime).TotalSeconds;
            }
        }

        int scratchLength = EmbeddingDim + (_model is null ? 0 : EventFeatures.InputSize(EmbeddingDim));
        using (var scratch = new FloatScratch(scratchLength <= FloatScratch.MaxStackFloats ? stackalloc float[scratchLength] : [], scratchLength))
        {
            Span<float> itemVector = scratch.Span[..EmbeddingDim];
            ItemTower.Project(embedding, itemVector);

            Decay(state.LongTerm, secondsSincePrevious, _longTermHalfLifeSeconds);
            VectorOps.ScaleAndAdd(state.LongTerm, itemVector, weight);

            if (_model is not null)
            {
                Span<float> features = scratch.Span[EmbeddingDim..];
                EventFeatures.Build(embedding, kind, weight, secondsSincePrevious, effectiveTime, features);
                // The short-term vector is not stored: ShortTerm() derives it from h when a query or summary needs it.
                _model.Lstm.Step(features, state.Hidden, state.Cell);
            }
            else
            {
                Decay(state.ShortTerm, secondsSincePrevious, _shortTermHalfLifeSeconds);
                VectorOps.ScaleAndAdd(state.ShortTerm, itemVector, weight);
            }
        }

        state.EventCount++;
        state.LastEventTime = effectiveTime;
        return new EventApplication(weight, wasLate, secondsSincePrevious);
    }

    /// <summary>
    /// Writes the unit-length ranking query for the user into <paramref name="query"/>.
    /// Returns false (and leaves <paramref name="query"/> all-zero) for a cold user with no usable signal.
    /// </summary>
    public bool ComputeQuery(UserInterestState state, Span<float> query)
    {
        RequireCompatible(state);
        if (query.Length != EmbeddingDim)
        {
            throw new ArgumentException($"Query has length {query.Length}, expected {EmbeddingDim}.", nameof(query));
        }

        state.LongTerm.CopyTo(query);
        if (_model is not null)
        {
            // Normalising lt first makes the gate a true mixing share: lt's raw magnitude grows with activity.
            VectorOps.NormalizeInPlace(query);
            float longTermShare = _model.FusionGate(state.Hidden);
            TensorPrimitives.Multiply(query, longTermShare, query);
            using var shortTerm = new FloatScratch(EmbeddingDim <= FloatScratch.MaxStackFloats ? stackalloc float[EmbeddingDim] : [], EmbeddingDim);
            ShortTerm(state, shortTerm.Span);
            VectorOps.ScaleAndAdd(query, shortTerm.Span, 1f - longTermShare);
        }

        float norm = VectorOps.NormalizeInPlace(query);
        if (norm > 0f && float.IsFinite(norm))
        {
            return true;
        }

        query.Clear();
        return false;
    }

    /// <summary>
    /// Writes the user's short-term interest into <paramref name="destination"/>. Without a learned model it is the
    /// state's own vector. With one it is model.ShortTerm(h), computed here from the hidden state instead of being kept
    /// (the same function of the same h that each event used to store, so the same floats); a cold user, whose h no
    /// event has set, has a zero short-term vector, as when it was stored.
    /// </summary>
    public void ShortTerm(UserInterestState state, Span<float> destination)
    {
        RequireCompatible(state);
        if (destination.Length != EmbeddingDim)
        {
            throw new ArgumentException($"Destination has length {destination.Length}, expected {EmbeddingDim}.", nameof(destination));
        }

        if (_model is null)
        {
            state.ShortTerm.CopyTo(destination);
        }
        else if (state.EventCount == 0)
        {
            destination.Clear();
        }
        else
        {
            _model.ShortTerm(state.Hidden, destination);
        }
    }

    private static void Decay(Span<float> vector, double seconds, double halfLifeSeconds)
    {
        if (seconds > 0)
        {
            TensorPrimitives.Multiply(vector, (float)Math.Pow(0.5, seconds / halfLifeSeconds), vector);
        }
    }

    private void RequireCompatible(UserInterestState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.LongTerm.Length != EmbeddingDim || state.ShortTerm.Length != UserInterestState.ShortTermLength(EmbeddingDim, HiddenDim)
            || state.Hidden.Length != HiddenDim || state.Cell.Length != HiddenDim)
        {
            throw new ArgumentException(
                $"State has D={state.LongTerm.Length}, H={state.Hidden.Length} but this tracker needs D={EmbeddingDim}, H={HiddenDim} "
                + "(was the state created with another model?).",
                nameof(state));
        }
    }
}
