using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Seed.Core.Ranking;

namespace Seed.Benchmarks;

/// <summary>
/// One large shard's ranking (250,000 rows, a million-item catalog's shard): the exact 4-bit compact scan every row
/// goes through today against the inverted-file index probing a few lists, with 4-bit and int8 list codes. Rows lie
/// around 1,000 topics (random centres plus noise, cosine about 0.86 to their centre) and carry a Zipf popularity
/// prior; each call ranks the next of 64 queries (a topic's centre plus noise) for the top 21 (K = 20 plus the row
/// the shard asks for to detect ties), the 256 most popular rows always scored, as the shard does.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ApproximateScanBenchmarks
{
    private const int Dimension = 128;
    private const int Rows = 250_000;
    private const int Topics = 1_000;
    private const int K = 21;
    private const int CandidateFactor = 4;

    private EmbeddingMatrix _rows = null!;
    private FourBitRowMatrix _fourBit = null!;
    private InvertedFileIndex _fourBitLists = null!;
    private InvertedFileIndex _int8Lists = null!;
    private float[] _bias = [];
    private int[] _popularRows = [];
    private float[][] _queries = [];
    private int _next;

    [Params(32, 64)]
    public int Probes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        var centres = Enumerable.Range(0, Topics).Select(_ => Noisy(new float[Dimension], random, 1f)).ToArray();
        _rows = new EmbeddingMatrix(Dimension, Rows);
        for (var row = 0; row < Rows; row++)
        {
            _rows.Add(Noisy(centres[random.Next(Topics)], random, 0.09f));
        }

        var prior = new PopularityPrior(0.067f, Rows);
        for (var row = 0; row < Rows; row++)
        {
            prior.Set(row, 1000.0 / (row + 1));
        }

        _bias = prior.Bias.ToArray();
        _popularRows = prior.HighestRows(256);
        _queries = [.. Enumerable.Range(0, 64).Select(_ => Noisy(centres[random.Next(Topics)], random, 0.09f))];
        _fourBit = FourBitRowMatrix.From(_rows);
        _fourBitLists = InvertedFileIndex.Build(_rows, 256, bits: 4);
        _int8Lists = InvertedFileIndex.Build(_rows, 256, bits: 8);
    }

    [Benchmark(Baseline = true, Description = "exact: 4-bit scan of every row")]
    public ScoredIndex[] Exact() =>
        CompactTopKSelector.Select(_rows.Rows, _fourBit, NextQuery(), K, null, _bias, CandidateFactor);

    [Benchmark(Description = "IVF, 4-bit lists")]
    public ScoredIndex[] FourBitLists() =>
        _fourBitLists.Select(_rows.Rows, NextQuery(), K, null, _bias, Probes, CandidateFactor, _popularRows);

    [Benchmark(Description = "IVF, int8 lists")]
    public ScoredIndex[] Int8Lists() =>
        _int8Lists.Select(_rows.Rows, NextQuery(), K, null, _bias, Probes, CandidateFactor, _popularRows);

    private float[] NextQuery() => _queries[_next++ % _queries.Length];

    /// <summary><paramref name="centre"/> plus uniform noise of up to <paramref name="noise"/> per value, unit length.</summary>
    private static float[] Noisy(float[] centre, Random random, float noise)
    {
        var vector = new float[Dimension];
        for (var d = 0; d < Dimension; d++)
        {
            vector[d] = centre[d] + (((random.NextSingle() * 2f) - 1f) * noise);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }
}
