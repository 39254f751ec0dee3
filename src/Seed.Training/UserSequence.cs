namespace Seed.Training;

/// <summary>
/// One user's events in time order, prepared exactly as the user grain would consume them.
/// Event i's target is the catalog row of event i + 1 when that event is a positive interaction (-1 otherwise):
/// the state after event i is asked to predict the next thing the user likes, as the evaluation replay does.
/// </summary>
internal sealed class UserSequence
{
    public required string UserId { get; init; }

    /// <summary>Row-major [Length, InputSize] LSTM inputs built by <see cref="Seed.Core.Interest.EventFeatures"/>.</summary>
    public required float[] Features { get; init; }

    /// <summary>Seconds since the data set's first event, per event.</summary>
    public required double[] Times { get; init; }

    /// <summary>Signed event weights (<see cref="Seed.Core.Interest.InterestOptions.WeightFor"/>), per event.</summary>
    public required float[] Weights { get; init; }

    /// <summary>Catalog row of each event's item.</summary>
    public required int[] Rows { get; init; }

    /// <summary>Catalog row to predict after each event, or -1.</summary>
    public required int[] Targets { get; init; }

    /// <summary>Time of the predicted event (meaningful where <see cref="Targets"/> is not -1).</summary>
    public required double[] TargetTimes { get; init; }

    public int Length => Rows.Length;
}
