using System.Numerics.Tensors;
using Seed.Abstractions;
using Seed.Core.Interest;
using Seed.Core.Models;
using Seed.Core.Numerics;
using Seed.Core.Tests.Models;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Interest;

public sealed class InterestTrackerTests
{
    private const int Dim = 8;
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Fallback_LongTermMovesTowardPositiveEventsAndAwayFromDislikes()
    {
        var tracker = new InterestTracker(new InterestOptions(), model: null, Dim);
        UserInterestState state = tracker.CreateState();
        var random = new Random(1);
        float[] liked = TestVectors.UnitVector(random, Dim);
        float[] other = TestVectors.UnitVector(random, Dim);
        tracker.Apply(state, other, EventType.Click, null, Start);
        float before = VectorOps.Cosine(state.LongTerm, liked);

        tracker.Apply(state, liked, EventType.Purchase, null, Start.AddMinutes(1));
        float afterPurchase = VectorOps.Cosine(state.LongTerm, liked);
        tracker.Apply(state, liked, EventType.Dislike, null, Start.AddMinutes(2));
        float afterDislike = VectorOps.Cosine(state.LongTerm, liked);

        Assert.True(afterPurchase > before, $"{afterPurchase} should exceed {before}");
        Assert.True(afterDislike < afterPurchase, $"{afterDislike} should be below {afterPurchase}");
        Assert.Equal(3, state.EventCount);
        Assert.Equal(Start.AddMinutes(2), state.LastEventTime);
    }

    [Fact]
    public void Fallback_AfterOneHalfLifeTheOldContributionIsHalved()
    {
        var options = new InterestOptions();
        var tracker = new InterestTracker(options, model: null, Dim);
        UserInterestState state = tracker.CreateState();

        tracker.Apply(state, TestVectors.Basis(Dim, 0), EventType.Purchase, null, Start);
        EventApplication second = tracker.Apply(state, TestVectors.Basis(Dim, 1), EventType.Click, null, Start + options.LongTermHalfLife);

        Assert.Equal(options.LongTermHalfLife.TotalSeconds, second.SecondsSincePrevious);
        Assert.Equal(1.5f, state.LongTerm[0], 1e-6f);
        Assert.Equal(1f, state.LongTerm[1], 1e-6f);
        // The short-term average decays with its own (30x faster) half-life.
        Assert.Equal(3f * MathF.Pow(0.5f, 30f), state.ShortTerm[0], 1e-12f);
        Assert.Equal(1f, state.ShortTerm[1], 1e-6f);
    }

    [Fact]
    public void LateEvent_IsAppliedWithoutDecayAndDoesNotMoveTimeBack()
    {
        var tracker = new InterestTracker(new InterestOptions(), model: null, Dim);
        UserInterestState state = tracker.CreateState();
        DateTimeOffset latest = Start.AddDays(10);
        tracker.Apply(state, TestVectors.Basis(Dim, 0), EventType.Click, null, latest);

        EventApplication late = tracker.Apply(state, TestVectors.Basis(Dim, 1), EventType.View, null, Start);

        Assert.True(late.WasLate);
        Assert.Equal(0, late.SecondsSincePrevious);
        Assert.Equal(0.5f, late.Weight);
        Assert.Equal(latest, state.LastEventTime);
        Assert.Equal(2, state.EventCount);
        Assert.Equal(1f, state.LongTerm[0]);
        Assert.Equal(0.5f, state.LongTerm[1]);
    }

    [Fact]
    public void Fallback_QueryIsNormalisedLongTermAndColdUserHasNone()
    {
        var tracker = new InterestTracker(new InterestOptions(), model: null, Dim);
        UserInterestState state = tracker.CreateState();
        var query = new float[Dim];

        Assert.False(tracker.ComputeQuery(state, query));
        Assert.All(query, value => Assert.Equal(0f, value));
        Assert.False(tracker.UsesLearnedModel);
        Assert.Equal(0, tracker.HiddenDim);
        Assert.True(tracker.ItemTower.IsIdentity);

        var random = new Random(2);
        for (int i = 0; i < 5; i++)
        {
            tracker.Apply(state, TestVectors.UnitVector(random, Dim), (EventType)i, 4.5f, Start.AddHours(i * 7));
        }

        Assert.True(tracker.ComputeQuery(state, query));
        float[] expected = [.. state.LongTerm];
        VectorOps.NormalizeInPlace(expected);
        Assert.Equal(expected, query);
    }

    [Fact]
    public void Apply_RejectsMismatchedEmbeddingOrState()
    {
        var tracker = new InterestTracker(new InterestOptions(), model: null, Dim);

        Assert.Throws<ArgumentException>(() => tracker.Apply(tracker.CreateState(), new float[Dim + 1], EventType.Click, null, Start));
        Assert.Throws<ArgumentException>(() => tracker.Apply(new UserInterestState(Dim, 4), new float[Dim], EventType.Click, null, Start));
        float[] withNaN = new float[Dim];
        withNaN[2] = float.NaN;
        Assert.Throws<ArgumentException>(() => tracker.Apply(tracker.CreateState(), withNaN, EventType.Click, null, Start));
    }

    [Fact]
    public void Constructor_RejectsModelWithOtherEmbeddingDim()
    {
        using var temp = new TempDirectory();
        TestModelFolder.Write(temp.Path, 12, 4, TestModelFolder.RandomTensors(12, 4, seed: 1, withItemTower: false).Values);
        InterestModel model = InterestModel.Load(temp.Path);

        Assert.Throws<ArgumentException>(() => new InterestTracker(new InterestOptions(), model, 16));
    }

    [Fact]
    public void WithModel_QueryMatchesHandComputationFromTheTensors()
    {
        const int dim = 12;
        const int hidden = 6;
        using var temp = new TempDirectory();
        Dictionary<string, SafetensorTensor> tensors = TestModelFolder.RandomTensors(dim, hidden, seed: 21, withItemTower: true);
        TestModelFolder.Write(temp.Path, dim, hidden, tensors.Values);
        var options = new InterestOptions();
        var tracker = new InterestTracker(options, InterestModel.Load(temp.Path), dim);
        UserInterestState state = tracker.CreateState();
        var query = new float[dim];
        Assert.True(tracker.UsesLearnedModel);
        Assert.Equal(hidden, tracker.HiddenDim);
        Assert.Equal(hidden, state.Hidden.Length);
        Assert.False(tracker.ComputeQuery(state, query));

        var random = new Random(22);
        (EventType Kind, float? Rating, double MinutesLater)[] events =
        [
            (EventType.View, null, 0), (EventType.Rating, 5f, 3), (EventType.Dislike, null, 600),
            (EventType.Purchase, null, 0), (EventType.Rating, 1.5f, 47.5), (EventType.Tag, null, 60 * 24 * 9),
        ];
        var longTerm = new double[dim];
        var referenceHidden = new double[hidden];
        var referenceCell = new double[hidden];
        DateTimeOffset time = Start.AddMinutes(17);
        for (int e = 0; e < events.Length; e++)
        {
            float[] embedding = TestVectors.UnitVector(random, dim);
            double gapSeconds = e == 0 ? 0 : events[e].MinutesLater * 60;
            time = time.AddMinutes(events[e].MinutesLater);
            float weight = options.WeightFor(events[e].Kind, events[e].Rating);

            EventApplication applied = tracker.Apply(state, embedding, events[e].Kind, events[e].Rating, time);
            Assert.Equal(weight, applied.Weight);
            Assert.Equal(gapSeconds, applied.SecondsSincePrevious, 1e-9);

            double[] itemVector = Normalize(Affine(tensors["item_tower.weight"].Data, tensors["item_tower.bias"].Data, embedding, dim, dim));
            double decay = Math.Pow(0.5, gapSeconds / options.LongTermHalfLife.TotalSeconds);
            for (int i = 0; i < dim; i++)
            {
                longTerm[i] = (decay * longTerm[i]) + (weight * itemVector[i]);
            }

            double hourOfDay = time.UtcDateTime.Hour + (time.UtcDateTime.Minute / 60.0);
            float[] features =
            [
                .. embedding,
                .. Enumerable.Range(0, 9).Select(slot => slot == (int)events[e].Kind ? 1f : 0f),
                weight / 3f,
                (float)(Math.Log(1 + (gapSeconds / 3600)) / 10),
                (float)Math.Sin(2 * Math.PI * hourOfDay / 24),
                (float)Math.Cos(2 * Math.PI * hourOfDay / 24),
            ];
            ReferenceLstm.Step(
                EventFeatures.InputSize(dim), hidden, tensors["lstm.weight_ih"].Data, tensors["lstm.weight_hh"].Data,
                tensors["lstm.bias_ih"].Data, tensors["lstm.bias_hh"].Data, features, referenceHidden, referenceCell);
        }

        float[] hiddenAsFloat = [.. referenceHidden.Select(value => (float)value)];
        double[] shortTerm = Normalize(Affine(tensors["short_term.weight"].Data, tensors["short_term.bias"].Data, hiddenAsFloat, dim, hidden));
        double gate = ReferenceLstm.Sigmoid(tensors["fusion.bias"].Data[0] + Dot(tensors["fusion.weight"].Data, referenceHidden));
        double[] longTermUnit = Normalize(longTerm);
        double[] expectedQuery = Normalize([.. Enumerable.Range(0, dim).Select(i => (gate * longTermUnit[i]) + ((1 - gate) * shortTerm[i]))]);

        Assert.True(tracker.ComputeQuery(state, query));
        Assert.True(TestVectors.MaxAbsDifference(state.Hidden, referenceHidden) <= 1e-5f);
        var derivedShortTerm = new float[dim];
        tracker.ShortTerm(state, derivedShortTerm);
        Assert.True(TestVectors.MaxAbsDifference(derivedShortTerm, shortTerm) <= 1e-5f);
        Assert.True(TestVectors.MaxAbsDifference(query, expectedQuery) <= 1e-5f, "fused query differs from the hand computation");
        Assert.Equal(events.Length, state.EventCount);
    }

    [Fact]
    public void WithModel_TheStateKeepsNoShortTermVectorAndTheQueryIsTheOneAStoredVectorGave()
    {
        const int dim = 12;
        const int hidden = 6;
        using var temp = new TempDirectory();
        TestModelFolder.Write(temp.Path, dim, hidden, TestModelFolder.RandomTensors(dim, hidden, seed: 31, withItemTower: false).Values);
        InterestModel model = InterestModel.Load(temp.Path);
        var tracker = new InterestTracker(new InterestOptions(), model, dim);
        UserInterestState state = tracker.CreateState();
        var shortTerm = new float[dim];

        // Cold: zero, as the stored vector was before any event (not the head's bias).
        tracker.ShortTerm(state, shortTerm);
        Assert.Equal(new float[dim], shortTerm);

        var random = new Random(32);
        tracker.Apply(state, TestVectors.UnitVector(random, dim), EventType.Click, null, Start);
        tracker.Apply(state, TestVectors.UnitVector(random, dim), EventType.Purchase, null, Start.AddMinutes(5));

        Assert.Empty(state.ShortTerm);
        var headOfHidden = new float[dim];
        model.ShortTerm(state.Hidden, headOfHidden);
        tracker.ShortTerm(state, shortTerm);
        Assert.Equal(headOfHidden, shortTerm);

        // The fusion as it was computed when each event stored model.ShortTerm(h): the same floats, bit for bit.
        var expected = state.LongTerm.ToArray();
        VectorOps.NormalizeInPlace(expected);
        float longTermShare = model.FusionGate(state.Hidden);
        TensorPrimitives.Multiply(expected, longTermShare, expected);
        VectorOps.ScaleAndAdd(expected, headOfHidden, 1f - longTermShare);
        VectorOps.NormalizeInPlace(expected);
        var query = new float[dim];
        Assert.True(tracker.ComputeQuery(state, query));
        Assert.Equal(expected, query);
    }

    [Fact]
    public void WithModel_AStateCarryingAShortTermVectorIsRefused()
    {
        const int dim = 12;
        const int hidden = 6;
        using var temp = new TempDirectory();
        TestModelFolder.Write(temp.Path, dim, hidden, TestModelFolder.RandomTensors(dim, hidden, seed: 33, withItemTower: false).Values);
        var tracker = new InterestTracker(new InterestOptions(), InterestModel.Load(temp.Path), dim);

        Assert.Throws<ArgumentException>(() => new UserInterestState(new float[hidden], new float[hidden], new float[dim], new float[dim], 1, Start));
        Assert.Throws<ArgumentException>(() => tracker.ComputeQuery(new UserInterestState(dim, 0), new float[dim]));
    }

    private static double[] Affine(float[] weight, float[] bias, ReadOnlySpan<float> input, int rows, int columns)
    {
        var output = new double[rows];
        for (int row = 0; row < rows; row++)
        {
            output[row] = bias[row];
            for (int column = 0; column < columns; column++)
            {
                output[row] += (double)weight[(row * columns) + column] * input[column];
            }
        }

        return output;
    }

    private static double Dot(float[] weight, double[] vector) => weight.Select((value, i) => value * vector[i]).Sum();

    private static double[] Normalize(double[] vector)
    {
        double norm = Math.Sqrt(vector.Sum(value => value * value));
        return [.. vector.Select(value => value / norm)];
    }
}
