namespace Seed.Training;

/// <summary>
/// How popular every item was at any moment of the history, in <c>bucketCount</c> steps: row b holds, per catalog row,
/// ln(1 + positive interactions strictly before <see cref="BucketStarts"/>[b]). Serving counts exactly (every
/// positive event bumps its item at once); training reads the count at the start of the bucket a target falls in,
/// a small lag that keeps the table small enough to gather from in every training step.
/// </summary>
internal sealed class PopularityTimeline
{
    public PopularityTimeline(IReadOnlyList<(double Time, int Row)> positives, int rowCount, int bucketCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bucketCount);
        RowCount = rowCount;
        var ordered = positives.OrderBy(p => p.Time).ToList();
        BucketCount = bucketCount;
        BucketStarts = new double[bucketCount];
        LogCounts = new float[bucketCount * rowCount];
        var counts = new double[rowCount];
        var next = 0;
        for (var bucket = 0; bucket < bucketCount; bucket++)
        {
            // Equal-count buckets: each holds about the same number of positive events, so busy periods get finer steps.
            BucketStarts[bucket] = bucket == 0 || ordered.Count == 0
                ? double.NegativeInfinity
                : ordered[(int)((long)bucket * ordered.Count / bucketCount)].Time;
            while (next < ordered.Count && ordered[next].Time < BucketStarts[bucket])
            {
                counts[ordered[next].Row]++;
                next++;
            }

            for (var row = 0; row < rowCount; row++)
            {
                LogCounts[(bucket * rowCount) + row] = (float)Math.Log(1.0 + counts[row]);
            }
        }

        TotalCounts = new double[rowCount];
        foreach (var (_, row) in ordered)
        {
            TotalCounts[row]++;
        }
    }

    public int RowCount { get; }

    public int BucketCount { get; }

    public double[] BucketStarts { get; }

    /// <summary>Row-major [BucketCount, RowCount] of ln(1 + count).</summary>
    public float[] LogCounts { get; }

    /// <summary>Positive interactions per row over the whole history (for the sampling correction).</summary>
    public double[] TotalCounts { get; }

    /// <summary>The bucket whose start is the latest one not after <paramref name="time"/>.</summary>
    public int BucketOf(double time)
    {
        var index = Array.BinarySearch(BucketStarts, time);
        if (index < 0)
        {
            index = ~index - 1;
        }
        else
        {
            // Equal starts (ties) and exact hits: counts are "strictly before the start", so the hit bucket is right;
            // move to the last of equal starts for determinism.
            while (index + 1 < BucketStarts.Length && BucketStarts[index + 1] == time)
            {
                index++;
            }
        }

        return Math.Clamp(index, 0, BucketCount - 1);
    }
}
