namespace Seed.Core.Ranking;

/// <summary>
/// The centroids with the largest dot products with a vector, exactly (ties by lower centroid): an int8 copy bounds
/// every centroid and only the few it cannot rule out are scored in float (<see cref="CompactTopKSelector"/>). Assigning
/// every row of a 250k-row shard to one of ~1,000 centroids is a quarter of a billion dot products; through the
/// int8 bound it costs a few microseconds a row instead of ~15.
/// </summary>
internal sealed class NearestCentroid
{
    /// <summary>
    /// Centroids re-scored in float per query, as a multiple of how many are asked for (more only when needed): the
    /// int8 bound is tight, and a factor of 4 re-scored 256 centroids for 64 probes.
    /// </summary>
    private const int CandidateFactor = 2;

    private readonly EmbeddingMatrix _centroids;
    private readonly QuantizedRowMatrix _codes;

    public NearestCentroid(EmbeddingMatrix centroids)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        _centroids = centroids;
        _codes = QuantizedRowMatrix.From(centroids);
    }

    public int Count => _centroids.Count;

    /// <summary>Bytes of the float centroids and their int8 copy.</summary>
    public long AllocatedBytes => _centroids.AllocatedBytes + _codes.AllocatedBytes;

    /// <summary>The nearest centroid; centroid 0 for a vector holding NaN (every score is then equally undefined).</summary>
    public int Of(ReadOnlySpan<float> values)
    {
        var best = Best(values, 1);
        return best.Length == 0 ? 0 : best[0].Index;
    }

    /// <summary>The <paramref name="count"/> nearest centroids, nearest first.</summary>
    public ScoredIndex[] Best(ReadOnlySpan<float> values, int count) =>
        CompactTopKSelector.Select(_centroids.Rows, _codes, values, count, null, [], CandidateFactor);
}
