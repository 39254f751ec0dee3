using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Seed.Core.Ranking;

namespace Seed.Benchmarks;

/// <summary>
/// How to score every row of a compact (fewer bytes per value) copy of the catalog: with System.Numerics.Tensors
/// (convert each fp16 or int8 row to floats, then <c>TensorPrimitives.Dot</c>) or with the hand-written kernels of
/// <see cref="QuantizedRowMatrix"/> (int8) and <see cref="FourBitRowMatrix"/> (4-bit), each with its portable, AVX2 and AVX-VNNI kernels (and, for 4-bit, AVX-512),
/// against the float scan they replace.
/// Rows: one shard of the 100k-item load test (28,000) and a million (beyond any cache).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 8)]
public class CompactScanKernelBenchmarks
{
    private const int Dimension = 128;

    private float[] _rows = [];
    private Half[] _halfRows = [];
    private sbyte[] _int8Rows = [];
    private float[] _query = [];
    private float[] _scores = [];
    private QuantizedRowMatrix _compact = null!;
    private FourBitRowMatrix _fourBit = null!;

    [Params(28_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var matrix = new EmbeddingMatrix(Dimension, Rows);
        var row = new float[Dimension];
        for (var i = 0; i < Rows; i++)
        {
            for (var d = 0; d < Dimension; d++)
            {
                row[d] = (random.NextSingle() * 2f) - 1f;
            }

            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
            matrix.Add(row);
        }

        _rows = matrix.Rows.ToArray();
        _halfRows = new Half[_rows.Length];
        TensorPrimitives.ConvertToHalf(_rows, _halfRows);
        // The int8 rows for the Tensors variant: same levels as QuantizedRowMatrix (one scale per row, not needed
        // for the cost comparison).
        _int8Rows = new sbyte[_rows.Length];
        for (var i = 0; i < Rows; i++)
        {
            var values = _rows.AsSpan(i * Dimension, Dimension);
            var inverse = 127f / MathF.Abs(TensorPrimitives.MaxMagnitude(values));
            for (var d = 0; d < Dimension; d++)
            {
                _int8Rows[(i * Dimension) + d] = (sbyte)MathF.Round(values[d] * inverse);
            }
        }

        _compact = QuantizedRowMatrix.From(matrix);
        _fourBit = FourBitRowMatrix.From(matrix);
        _query = _rows[..Dimension];
        _scores = new float[Rows];
    }

    [Benchmark(Baseline = true, Description = "float rows: TensorPrimitives.Dot per row")]
    public float[] FloatDot()
    {
        for (var i = 0; i < Rows; i++)
        {
            _scores[i] = TensorPrimitives.Dot(_rows.AsSpan(i * Dimension, Dimension), _query);
        }

        return _scores;
    }

    [Benchmark(Description = "fp16 rows: TensorPrimitives.ConvertToSingle + Dot")]
    public float[] HalfConvertDot()
    {
        Span<float> row = stackalloc float[Dimension];
        for (var i = 0; i < Rows; i++)
        {
            TensorPrimitives.ConvertToSingle(_halfRows.AsSpan(i * Dimension, Dimension), row);
            _scores[i] = TensorPrimitives.Dot(row, _query);
        }

        return _scores;
    }

    [Benchmark(Description = "int8 rows: TensorPrimitives.ConvertTruncating + Dot")]
    public float[] Int8ConvertDot()
    {
        Span<float> row = stackalloc float[Dimension];
        for (var i = 0; i < Rows; i++)
        {
            TensorPrimitives.ConvertTruncating<sbyte, float>(_int8Rows.AsSpan(i * Dimension, Dimension), row);
            _scores[i] = TensorPrimitives.Dot(row, _query);
        }

        return _scores;
    }

    [Benchmark(Description = "int8 rows: QuantizedRowMatrix, portable Vector256 kernel")]
    public float[] Int8Portable() => Score(_compact, CompactScanKernel.Portable);

    [Benchmark(Description = "int8 rows: QuantizedRowMatrix, AVX2 kernel")]
    public float[] Int8Avx2() => Score(_compact, CompactScanKernel.Avx2);

    [Benchmark(Description = "int8 rows: QuantizedRowMatrix, AVX-VNNI kernel (NA without AVX-VNNI)")]
    public float[] Int8Vnni() => Score(_compact, CompactScanKernel.AvxVnni);

    [Benchmark(Description = "4-bit rows: FourBitRowMatrix, portable Vector256 kernel")]
    public float[] FourBitPortable() => Score(_fourBit, CompactScanKernel.Portable);

    [Benchmark(Description = "4-bit rows: FourBitRowMatrix, AVX2 kernel")]
    public float[] FourBitAvx2() => Score(_fourBit, CompactScanKernel.Avx2);

    [Benchmark(Description = "4-bit rows: FourBitRowMatrix, AVX-VNNI kernel (NA without AVX-VNNI)")]
    public float[] FourBitVnni() => Score(_fourBit, CompactScanKernel.AvxVnni);

    [Benchmark(Description = "4-bit rows: FourBitRowMatrix, AVX-512 kernel (NA without AVX-512 BW)")]
    public float[] FourBitAvx512() => Score(_fourBit, CompactScanKernel.Avx512);

    private float[] Score(CompactRowMatrix matrix, CompactScanKernel kernel)
    {
        matrix.ScoreUpperBounds(_query, [], _scores, kernel);
        return _scores;
    }
}
