using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Seed.Core.Ranking;

/// <summary>
/// An int8 copy of an <see cref="EmbeddingMatrix"/>: each row scaled by its own largest magnitude to [-127, 127].
/// A quarter of the bytes of the float rows, so a scan reads 4x less memory; <see cref="CompactRowMatrix.ScoreUpperBounds(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/> gives
/// for every row a proven upper bound of its dot product with a query, which is what lets
/// <see cref="CompactTopKSelector"/> return exactly the float ranking. Not thread-safe: the owner serialises writes.
/// </summary>
public sealed class QuantizedRowMatrix : CompactRowMatrix
{
    /// <summary>Rows are padded with zeros to whole 32-byte vectors, so the kernels need no tail loop.</summary>
    private const int VectorBytes = 32;

    private const float Levels = 127f;

    /// <summary>The unsigned offset the VNNI kernel adds to the query (it multiplies unsigned by signed bytes).</summary>
    private const int QueryOffset = 128;

    private sbyte[] _data;
    private float[] _scales;
    private int[] _sums;

    /// <summary>Per row, the L1 norm of the dequantised row (s_r·Σ|r̂_i|): one term of the row's error bound.</summary>
    private float[] _dequantisedL1;

    /// <summary>Creates an empty matrix with room for <paramref name="initialCapacity"/> rows.</summary>
    public QuantizedRowMatrix(int dimension, int initialCapacity = 1024)
        : base(dimension, initialCapacity)
    {
        // 127 · 255 · 65,536 (the base's largest dimension) still fits in an int32: the integer dot products cannot overflow.
        Stride = (dimension + VectorBytes - 1) / VectorBytes * VectorBytes;
        var capacity = Math.Max(1, initialCapacity);
        _data = new sbyte[checked(Stride * capacity)];
        _scales = new float[capacity];
        _sums = new int[capacity];
        _dequantisedL1 = new float[capacity];
    }

    /// <summary>Bytes per stored row: <see cref="CompactRowMatrix.Dimension"/> rounded up to a multiple of 32.</summary>
    public int Stride { get; }

    private protected override int Capacity => _scales.Length;

    private protected override long StorageBytes =>
        _data.LongLength + ((long)_scales.Length + _dequantisedL1.Length) * sizeof(float) + (long)_sums.Length * sizeof(int);

    /// <summary>Builds the int8 copy of every row of <paramref name="rows"/>.</summary>
    public static QuantizedRowMatrix From(EmbeddingMatrix rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var matrix = new QuantizedRowMatrix(rows.Dimension, Math.Max(1024, rows.Count));
        matrix.AddAll(rows);
        return matrix;
    }

    /// <summary>
    /// The int8 dot product plus the most its error can be, in real arithmetic. Rows: r = s_r·r̂ + δ with
    /// |δ_i| &lt;= s_r/2; query likewise q = s_q·q̂ + ε. Then r·q − s_r·s_q·(r̂·q̂) = s_r·r̂·ε + δ·q, so the error is at
    /// most (s_q/2)·‖s_r·r̂‖₁ + (s_r/2)·‖q‖₁, per row (about 0.01 for 128-d unit vectors, against ~0.002 typical). The
    /// integer dot products are exact, so the only other error is float rounding, which callers cover with a small slack.
    /// </summary>
    private protected override void ScoreRows(ReadOnlySpan<float> query, float magnitude, ReadOnlySpan<float> bias, Span<float> bounds, CompactScanKernel kernel)
    {
        var queryScale = magnitude / Levels;
        var inverse = magnitude > 0f ? Levels / magnitude : 0f;
        Span<sbyte> quantised = Stride <= 1024 ? stackalloc sbyte[Stride] : new sbyte[Stride];
        quantised.Clear();
        for (var i = 0; i < Dimension; i++)
        {
            quantised[i] = Quantise(query[i], inverse);
        }

        var terms = new QueryTerms(queryScale, queryScale / 2f, TensorPrimitives.SumOfMagnitudes(query) / 2f);
        switch (kernel)
        {
            // No 512-bit int8 kernel: without a 512-bit vpdpbusd or vpsignb in .NET 10 it would need more
            // instructions per byte than the 256-bit ones, so AVX-512 CPUs run the best of those they have.
            case CompactScanKernel.AvxVnni:
            case CompactScanKernel.Avx512 when AvxVnni.IsSupported:
                ScoreFourRowsAtATime<VnniByteDot>(quantised, terms, bias, bounds);
                break;
            case CompactScanKernel.Avx2:
            case CompactScanKernel.Avx512:
                ScoreFourRowsAtATime<Avx2ByteDot>(quantised, terms, bias, bounds);
                break;
            default:
                ScorePortable(quantised, terms, bias, bounds);
                break;
        }
    }

    /// <summary>
    /// A row's bound from its integer dot product: s_r·(dot·s_q + ‖q‖₁/2) + L_r·(s_q/2) + bias. The vector form in
    /// <see cref="ScoreFourRowsAtATime"/> does the same operations in the same order, so both kernels give identical floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Bound(int row, int dot, in QueryTerms terms, ReadOnlySpan<float> bias) =>
        (_scales[row] * ((dot * terms.Scale) + terms.HalfL1)) + (_dequantisedL1[row] * terms.HalfScale) + bias[row];

    private static sbyte Quantise(float value, float inverseScale) =>
        (sbyte)Math.Clamp(MathF.Round(value * inverseScale), -Levels, Levels);

    private protected override bool IsNonFinite(int row) => float.IsNaN(_scales[row]);

    private protected override bool Store(int row, ReadOnlySpan<float> values)
    {
        var target = _data.AsSpan(row * Stride, Stride);
        target.Clear();
        var magnitude = MathF.Abs(TensorPrimitives.MaxMagnitude(values)); // MaxMagnitude returns the signed element
        if (!float.IsFinite(magnitude))
        {
            // Kept as zeros and flagged: no bound holds for such a row.
            _scales[row] = float.NaN;
            _sums[row] = 0;
            _dequantisedL1[row] = float.NaN;
            return false;
        }

        var scale = magnitude / Levels;
        var inverse = magnitude > 0f ? Levels / magnitude : 0f;
        int sum = 0, sumOfMagnitudes = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var level = Quantise(values[i], inverse);
            target[i] = level;
            sum += level;
            sumOfMagnitudes += Math.Abs(level);
        }

        _scales[row] = scale;
        _sums[row] = sum;
        _dequantisedL1[row] = scale * sumOfMagnitudes;
        return true;
    }

    /// <summary>
    /// The x86 kernels, four rows per step so each query load feeds four rows. Both multiply unsigned by signed bytes
    /// (<typeparamref name="TDot"/>), so the query is made unsigned first: VNNI offsets it (q̂ + 128) and takes the offset
    /// back out with the row's sum of levels, (q̂ + 128)·r̂ − 128·Σr̂ = q̂·r̂; AVX2 uses |q̂| and moves the query's signs
    /// onto the row bytes, |q̂|·(sign(q̂)·r̂) = q̂·r̂, which keeps its 16-bit pair sums from saturating.
    /// </summary>
    private void ScoreFourRowsAtATime<TDot>(ReadOnlySpan<sbyte> query, in QueryTerms terms, ReadOnlySpan<float> bias, Span<float> scores)
        where TDot : struct, IByteDot
    {
        Span<byte> unsignedQuery = Stride <= 1024 ? stackalloc byte[Stride] : new byte[Stride];
        for (var i = 0; i < Stride; i++)
        {
            unsignedQuery[i] = (byte)(TDot.OffsetsQuery ? query[i] + QueryOffset : Math.Abs(query[i]));
        }

        ref var data = ref MemoryMarshal.GetArrayDataReference(_data);
        ref var queryBytes = ref MemoryMarshal.GetReference(unsignedQuery);
        ref var querySigns = ref MemoryMarshal.GetReference(query);
        var chunks = Stride / VectorBytes;
        var row = 0;
        for (; row + 4 <= Count; row += 4)
        {
            var offset = (nuint)(row * Stride);
            Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default;
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                var at = (nuint)(chunk * VectorBytes);
                var q = Vector256.LoadUnsafe(ref queryBytes, at);
                var signs = Vector256.LoadUnsafe(ref querySigns, at);
                a0 = TDot.Accumulate(a0, q, signs, Vector256.LoadUnsafe(ref data, offset + at));
                a1 = TDot.Accumulate(a1, q, signs, Vector256.LoadUnsafe(ref data, offset + (nuint)Stride + at));
                a2 = TDot.Accumulate(a2, q, signs, Vector256.LoadUnsafe(ref data, offset + (nuint)(2 * Stride) + at));
                a3 = TDot.Accumulate(a3, q, signs, Vector256.LoadUnsafe(ref data, offset + (nuint)(3 * Stride) + at));
            }

            // Four horizontal sums at once: two rounds of pairwise adds leave [a0 a1 a2 a3] in each 128-bit half.
            var pairs = Avx2.HorizontalAdd(Avx2.HorizontalAdd(a0, a1), Avx2.HorizontalAdd(a2, a3));
            var dots = pairs.GetLower() + pairs.GetUpper();
            if (TDot.OffsetsQuery)
            {
                dots -= Vector128.LoadUnsafe(ref _sums[row]) * QueryOffset;
            }

            var products = Vector128.ConvertToSingle(dots);
            var bounds = (Vector128.LoadUnsafe(ref _scales[row]) * ((products * terms.Scale) + Vector128.Create(terms.HalfL1)))
                + (Vector128.LoadUnsafe(ref _dequantisedL1[row]) * terms.HalfScale)
                + Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(bias), (nuint)row);
            bounds.StoreUnsafe(ref scores[row]);
        }

        for (; row < Count; row++)
        {
            var offset = (nuint)(row * Stride);
            Vector256<int> accumulator = default;
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                var at = (nuint)(chunk * VectorBytes);
                accumulator = TDot.Accumulate(accumulator, Vector256.LoadUnsafe(ref queryBytes, at), Vector256.LoadUnsafe(ref querySigns, at), Vector256.LoadUnsafe(ref data, offset + at));
            }

            var dot = Vector256.Sum(accumulator) - (TDot.OffsetsQuery ? QueryOffset * _sums[row] : 0);
            scores[row] = Bound(row, dot, terms, bias);
        }
    }

    /// <summary>Any CPU: widen bytes to 16 bits, multiply (|product| &lt;= 127² fits), widen to 32 bits and add.</summary>
    private void ScorePortable(ReadOnlySpan<sbyte> query, in QueryTerms terms, ReadOnlySpan<float> bias, Span<float> scores)
    {
        var queryVectors = MemoryMarshal.Cast<sbyte, Vector256<sbyte>>(query);
        Span<Vector256<short>> lows = stackalloc Vector256<short>[queryVectors.Length];
        Span<Vector256<short>> highs = stackalloc Vector256<short>[queryVectors.Length];
        for (var i = 0; i < queryVectors.Length; i++)
        {
            (lows[i], highs[i]) = Vector256.Widen(queryVectors[i]);
        }

        for (var row = 0; row < Count; row++)
        {
            var rowVectors = MemoryMarshal.Cast<sbyte, Vector256<sbyte>>(_data.AsSpan(row * Stride, Stride));
            var accumulator = Vector256<int>.Zero;
            for (var i = 0; i < rowVectors.Length; i++)
            {
                var (low, high) = Vector256.Widen(rowVectors[i]);
                accumulator += WidenAndAdd(low * lows[i]) + WidenAndAdd(high * highs[i]);
            }

            scores[row] = Bound(row, Vector256.Sum(accumulator), terms, bias);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> WidenAndAdd(Vector256<short> products)
    {
        var (low, high) = Vector256.Widen(products);
        return low + high;
    }

    private protected override void Grow(int capacity)
    {
        Array.Resize(ref _data, checked(capacity * Stride));
        Array.Resize(ref _scales, capacity);
        Array.Resize(ref _sums, capacity);
        Array.Resize(ref _dequantisedL1, capacity);
    }

    /// <summary>32 byte products of the query and a row added into a row's 32-bit accumulator.</summary>
    private interface IByteDot
    {
        /// <summary>True: the unsigned query is q̂ + 128 (undone per row); false: it is |q̂| and the signs go onto the row.</summary>
        static abstract bool OffsetsQuery { get; }

        static abstract Vector256<int> Accumulate(Vector256<int> accumulator, Vector256<byte> unsignedQuery, Vector256<sbyte> signedQuery, Vector256<sbyte> row);
    }

    /// <summary>vpdpbusd: the byte products summed straight into the 32-bit lanes.</summary>
    private readonly struct VnniByteDot : IByteDot
    {
        public static bool OffsetsQuery => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<int> Accumulate(Vector256<int> accumulator, Vector256<byte> unsignedQuery, Vector256<sbyte> signedQuery, Vector256<sbyte> row) =>
            AvxVnni.MultiplyWideningAndAdd(accumulator, unsignedQuery, row);
    }

    /// <summary>vpsignb, vpmaddubsw, vpmaddwd: pair sums of |q̂|·(±r̂) are at most 2·127² = 32,258, inside 16 bits.</summary>
    private readonly struct Avx2ByteDot : IByteDot
    {
        public static bool OffsetsQuery => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<int> Accumulate(Vector256<int> accumulator, Vector256<byte> unsignedQuery, Vector256<sbyte> signedQuery, Vector256<sbyte> row) =>
            accumulator + Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(unsignedQuery, Avx2.Sign(row, signedQuery)), Vector256<short>.One);
    }

    /// <summary>What every row's bound needs from the query: s_q, s_q/2 and ‖q‖₁/2.</summary>
    private readonly record struct QueryTerms(float Scale, float HalfScale, float HalfL1);
}
