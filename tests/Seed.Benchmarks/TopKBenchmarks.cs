using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Seed.Core.Ranking;

namespace Seed.Benchmarks;

/// <summary>
/// Exact top-20 over a catalogue of random 128-d unit rows: <see cref="TopKSelector.Select(ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, RowBitSet?, ReadOnlySpan{float})"/> against a LINQ
/// order-by (the baseline) and against a pure streaming read of the same bytes (the memory-bandwidth floor).
/// The "Scan GB/s" column divides the matrix size by each mean, so the three read as comparable bandwidths.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 8)]
[Config(typeof(TopKConfig))]
public class TopKBenchmarks
{
    /// <summary>Embedding width of the shipped encoder (potion-base-4M); also read by <see cref="TopKConfig"/>.</summary>
    public const int Dimension = 128;

    private const int K = 20;

    private float[] _rows = [];
    private float[] _query = [];
    private QuantizedRowMatrix _compact = null!;
    private FourBitRowMatrix _fourBit = null!;

    /// <summary>Catalogue size; 1M rows is 512 MB, far beyond any cache, so that case measures DRAM bandwidth.</summary>
    [Params(10_000, 100_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _rows = new float[Rows * Dimension];
        for (int row = 0; row < Rows; row++)
        {
            FillUnitVector(random, _rows.AsSpan(row * Dimension, Dimension));
        }

        _query = new float[Dimension];
        FillUnitVector(random, _query);

        // Guard against benchmarking two different answers (random floats make exact ties practically impossible).
        int[] expected = LinqTopK().Select(scored => scored.Index).ToArray();
        int[] actual = TopKSelector.Select(_rows, Dimension, _query, K).Select(scored => scored.Index).ToArray();
        if (!expected.SequenceEqual(actual))
        {
            throw new InvalidOperationException("TopKSelector and the LINQ baseline return different rows.");
        }

        var matrix = new EmbeddingMatrix(Dimension, Rows);
        for (int row = 0; row < Rows; row++)
        {
            matrix.Add(_rows.AsSpan(row * Dimension, Dimension));
        }

        _compact = QuantizedRowMatrix.From(matrix);
        _fourBit = FourBitRowMatrix.From(matrix);
        var floatAnswer = TopKSelector.Select(_rows, Dimension, _query, K);
        if (!CompactSelect().SequenceEqual(floatAnswer) || !FourBitSelect().SequenceEqual(floatAnswer))
        {
            throw new InvalidOperationException("CompactTopKSelector and TopKSelector return different results.");
        }
    }

    [Benchmark(Baseline = true, Description = "LINQ OrderByDescending.Take")]
    public ScoredIndex[] Linq() => LinqTopK();

    [Benchmark(Description = "TopKSelector.Select")]
    public ScoredIndex[] TopKSelect() => TopKSelector.Select(_rows, Dimension, _query, K);

    /// <summary>
    /// The same exact answer from the int8 copy (a quarter of the bytes) plus float re-scoring of the candidates, as
    /// catalog shards of CompactScanMinRows items and more rank. Its "Scan GB/s" counts the float matrix's bytes, so
    /// it reads as the float scan speed it is equivalent to.
    /// </summary>
    [Benchmark(Description = "CompactTopKSelector.Select (int8 + exact re-score)")]
    public ScoredIndex[] CompactSelect() => CompactTopKSelector.Select(_rows, _compact, _query, K, null, [], candidateFactor: 4);

    /// <summary>The same from the 4-bit copy (an eighth of the bytes; more rows re-scored), the shards' default.</summary>
    [Benchmark(Description = "CompactTopKSelector.Select (4-bit + exact re-score)")]
    public ScoredIndex[] FourBitSelect() => CompactTopKSelector.Select(_rows, _fourBit, _query, K, null, [], candidateFactor: 4);

    /// <summary>
    /// Diagnostic: only the per-row <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> calls
    /// that Select makes, with no heap. The gap to Select is the selection's cost, the gap to the floor the scoring's.
    /// </summary>
    [Benchmark(Description = "Scoring only: Dot per row")]
    public float ScoringOnly()
    {
        ReadOnlySpan<float> rows = _rows;
        float total = 0f;
        for (int row = 0; row < Rows; row++)
        {
            total += TensorPrimitives.Dot(rows.Slice(row * Dimension, Dimension), _query);
        }

        return total;
    }

    /// <summary>Reads every byte of the matrix once with the cheapest vectorised reduction: no selection can beat this.</summary>
    [Benchmark(Description = "Floor: TensorPrimitives.Sum")]
    public float BandwidthFloor() => TensorPrimitives.Sum(_rows);

    private ScoredIndex[] LinqTopK()
    {
        float[] rows = _rows;
        float[] query = _query;
        return Enumerable.Range(0, Rows)
            .Select(row => new ScoredIndex(row, TensorPrimitives.Dot(rows.AsSpan(row * Dimension, Dimension), query)))
            .OrderByDescending(scored => scored.Score)
            .ThenBy(scored => scored.Index)
            .Take(K)
            .ToArray();
    }

    internal static void FillUnitVector(Random random, Span<float> vector)
    {
        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] = (random.NextSingle() * 2f) - 1f;
        }

        float norm = TensorPrimitives.Norm(vector);
        TensorPrimitives.Divide(vector, norm, vector);
    }
}
