namespace Seed.Evaluation;

/// <summary>Sums per-event ranking metrics; see <see cref="ModelMetrics"/> for the definitions.</summary>
public sealed class MetricAccumulator
{
    /// <summary>The fixed cutoff of Recall@20.</summary>
    public const int RecallCutoff = 20;

    private readonly int _k;
    private readonly int _catalogSize;
    private readonly HashSet<int> _recommendedRows = [];
    private int _events;
    private int _excluded;
    private double _hits;
    private double _ndcg;
    private double _reciprocalRanks;
    private double _recallHits;

    public MetricAccumulator(int k, int catalogSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(catalogSize);
        _k = k;
        _catalogSize = catalogSize;
    }

    /// <summary>Records one event by the target's 1-based full rank, or 0 when the target could not be recommended (already seen).</summary>
    public void AddRank(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        _events++;
        if (rank == 0)
        {
            _excluded++;
            return;
        }

        _reciprocalRanks += 1.0 / rank;
        if (rank <= _k)
        {
            _hits++;
            _ndcg += 1.0 / Math.Log2(rank + 1);
        }

        if (rank <= RecallCutoff)
        {
            _recallHits++;
        }
    }

    /// <summary>Records the rows of one top-K list for catalog coverage.</summary>
    public void AddRecommendations(IEnumerable<int> topK) => _recommendedRows.UnionWith(topK);

    public ModelMetrics Result(string name)
    {
        double Mean(double sum) => _events == 0 ? 0 : sum / _events;
        return new ModelMetrics(name, _events, Mean(_hits), Mean(_ndcg), Mean(_reciprocalRanks), Mean(_recallHits), (double)_recommendedRows.Count / _catalogSize, _excluded);
    }
}
