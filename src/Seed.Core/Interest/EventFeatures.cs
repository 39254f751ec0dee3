using Seed.Abstractions;

namespace Seed.Core.Interest;

/// <summary>
/// Builds the LSTM input vector for one interaction. The trained model was fitted on exactly this layout, so the
/// training code must reproduce it bit for bit (each feature computed in double precision, then rounded to float32):
/// <list type="table">
/// <listheader><term>Slots</term><description>Feature</description></listheader>
/// <item><term>[0, D)</term><description>the raw text embedding of the item (unit length, or zero when unknown), copied as is.</description></item>
/// <item><term>[D, D+9)</term><description>one-hot of <see cref="EventType"/>: slot D + (int)kind is 1, the rest 0.</description></item>
/// <item><term>D+9</term><description>signed event weight / 3 (so a purchase is 1 and a dislike −0.5 with default options).</description></item>
/// <item><term>D+10</term><description>log1p(max(0, Δt seconds) / 3600) / 10: the gap since the user's previous event, in log-hours (0 for the first event).</description></item>
/// <item><term>D+11</term><description>sin(2π · hourOfDay / 24), hourOfDay = UTC hour + minute / 60 (seconds ignored).</description></item>
/// <item><term>D+12</term><description>cos(2π · hourOfDay / 24).</description></item>
/// </list>
/// Total length: <see cref="InputSize"/> = D + 9 + 1 + 3.
/// </summary>
public static class EventFeatures
{
    /// <summary>Number of one-hot slots, one per <see cref="EventType"/> value.</summary>
    public const int EventKindCount = 9;

    /// <summary>Number of trailing time features: Δt, sin(clock), cos(clock).</summary>
    public const int TimeAndClockFeatureCount = 3;

    private const double SecondsPerHour = 3600.0;
    private const double TimeGapScale = 10.0;
    private const float WeightScale = 3f;

    /// <summary>Length of the feature vector for an embedding of <paramref name="embeddingDim"/> values.</summary>
    public static int InputSize(int embeddingDim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingDim);
        return embeddingDim + EventKindCount + 1 + TimeAndClockFeatureCount;
    }

    /// <summary>Writes the features of one event into <paramref name="destination"/> (length <see cref="InputSize"/>).</summary>
    /// <param name="embedding">Raw (not item-tower projected) text embedding of the item.</param>
    /// <param name="kind">Interaction kind.</param>
    /// <param name="weight">Signed event weight from <see cref="InterestOptions.WeightFor"/>.</param>
    /// <param name="secondsSincePrevious">Gap to the user's previous event; 0 for the first one. Negative values count as 0.</param>
    /// <param name="timestamp">When the event happened; only its UTC time of day is used.</param>
    /// <param name="destination">Receives the features.</param>
    public static void Build(
        ReadOnlySpan<float> embedding,
        EventType kind,
        float weight,
        double secondsSincePrevious,
        DateTimeOffset timestamp,
        Span<float> destination)
    {
        int embeddingDim = embedding.Length;
        if (destination.Length != InputSize(embeddingDim))
        {
            throw new ArgumentException(
                $"Destination has length {destination.Length}, expected {InputSize(embeddingDim)} for a {embeddingDim}-d embedding.", nameof(destination));
        }

        if ((uint)kind >= EventKindCount)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown interaction kind.");
        }

        if (double.IsNaN(secondsSincePrevious) || double.IsInfinity(secondsSincePrevious))
        {
            throw new ArgumentOutOfRangeException(nameof(secondsSincePrevious), secondsSincePrevious, "Time gap must be finite.");
        }

        embedding.CopyTo(destination);
        Span<float> oneHot = destination.Slice(embeddingDim, EventKindCount);
        oneHot.Clear();
        oneHot[(int)kind] = 1f;

        int tail = embeddingDim + EventKindCount;
        destination[tail] = weight / WeightScale;
        destination[tail + 1] = (float)(LogOnePlus(Math.Max(0.0, secondsSincePrevious) / SecondsPerHour) / TimeGapScale);

        DateTime utc = timestamp.UtcDateTime;
        double hourOfDay = utc.Hour + (utc.Minute / 60.0);
        double angle = 2.0 * Math.PI * hourOfDay / 24.0;
        destination[tail + 2] = (float)Math.Sin(angle);
        destination[tail + 3] = (float)Math.Cos(angle);
    }

    // .NET has no accurate log1p (double.LogP1 is log(x + 1)); numpy/torch do. Goldberg's correction makes
    // ln(1 + x) accurate for tiny gaps too, so the float32 feature matches the training code's log1p.
    private static double LogOnePlus(double x)
    {
        double onePlusX = 1.0 + x;
        double rounding = onePlusX - 1.0;
        return rounding == 0.0 ? x : Math.Log(onePlusX) * (x / rounding);
    }
}
