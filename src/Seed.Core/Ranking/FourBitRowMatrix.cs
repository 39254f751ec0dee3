using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Seed.Core.Ranking;

/// <summary>
/// A 4-bit copy of an <see cref="EmbeddingMatrix"/>: each row scaled by its own largest magnitude to the 15 levels
/// [-7, 7], two values per byte. An eighth of the bytes of the float rows and half of <see cref="QuantizedRowMatrix"/>:
/// on a 100k-item catalog the int8 scan streams its rows from memory, and the recommendation p99 was measured to follow
/// the bytes read per request, whatever the catalog size (docs/PERFORMANCE.md, "Known limits").
/// <para>
/// Four bits alone would make a poor bound, so the bound is built from exact per-row numbers instead of worst-case
/// rounding: a row r = s_r·r̂ + δ keeps ‖δ‖₂ (measured when the row is stored, rounded up), and the query
/// q = s_q·q̂ + ε is quantised to int8, so r·q = s_r·s_q·(r̂·q̂) + s_r·(r̂·ε) + δ·q and, by Cauchy–Schwarz,
/// r·q ≤ s_r·s_q·(r̂·q̂) + ‖s_r·r̂‖₂·‖ε‖₂ + ‖δ‖₂·‖q‖₂. For 128-d unit rows ‖δ‖₂ is about 0.12; on the load-test catalog
/// about 0.6% of a shard's rows have a bound reaching the K-th best score and get re-scored in float.
/// </para>
/// Not thread-safe: the owner serialises writes.
/// </summary>
public sealed class FourBitRowMatrix : CompactRowMatrix
{
    /// <summary>Bytes per packed block: 32 bytes hold 64 values (value j in the low nibble of byte j, value 32 + j in its high nibble).</summary>
    private const int BlockBytes = 32;

    private const int ValuesPerBlock = 64;

    /// <summary>Bytes per AVX-512 register: two packed blocks.</summary>
    private const int RegisterBytes = 2 * BlockBytes;

    private const float RowLevels = 7f;

    private const float QueryLevels = 127f;

    /// <summary>Levels are stored as r̂ + 7 (0..14), unsigned, because the x86 instructions (vpdpbusd, vpmaddubsw) multiply unsigned by signed bytes.</summary>
    private const int CodeOffset = 7;

    private byte[] _codes;
    private float[] _scales;

    /// <summary>Per row ‖δ‖₂, the norm of what the 4-bit levels leave out, rounded up.</summary>
    private float[] _residualNorms;

    /// <summary>The largest ‖s_r·r̂‖₂ of any row stored so far, rounded up: multiplies ‖ε‖₂, the query's own rounding.</summary>
    private float _largestLevelNorm;

    /// <summary>Creates an empty matrix with room for <paramref name="initialCapacity"/> rows.</summary>
    public FourBitRowMatrix(int dimension, int initialCapacity = 1024)
        : base(dimension, initialCapacity)
    {
        // 127 · 7 · 65,536 (the base's largest dimension) fits in an int32: the integer dot products cannot overflow.
        Blocks = (dimension + ValuesPerBlock - 1) / ValuesPerBlock;
        Stride = Blocks * BlockBytes;
        var capacity = Math.Max(1, initialCapacity);
        _codes = new byte[checked(Stride * capacity)];
        _scales = new float[capacity];
        _residualNorms = new float[capacity];
    }

    /// <summary>Bytes per stored row: 32 per 64 values, the last block padded.</summary>
    public int Stride { get; }

    private protected override int Capacity => _scales.Length;

    private protected override long StorageBytes => _codes.LongLength + ((long)_scales.Length + _residualNorms.Length) * sizeof(float);

    private int Blocks { get; }

    /// <summary>Builds the 4-bit copy of every row of <paramref name="rows"/>.</summary>
    public static FourBitRowMatrix From(EmbeddingMatrix rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var matrix = new FourBitRowMatrix(rows.Dimension, Math.Max(1024, rows.Count));
        matrix.AddAll(rows);
        return matrix;
    }

    /// <summary>The bound of the class summary: the query quantised to int8, its rounding measured exactly.</summary>
    private protected override void ScoreRows(ReadOnlySpan<float> query, float magnitude, ReadOnlySpan<float> bias, Span<float> bounds, CompactScanKernel kernel)
    {
        var paddedLength = Blocks * ValuesPerBlock;
        Span<sbyte> levels = paddedLength <= 2048 ? stackalloc sbyte[paddedLength] : new sbyte[paddedLength];
        levels.Clear();
        var queryScale = magnitude / QueryLevels;
        var inverse = magnitude > 0f ? QueryLevels / magnitude : 0f;
        double roundingSquares = 0, querySquares = 0;
        var levelSum = 0;
        for (var i = 0; i < Dimension; i++)
        {
            var level = (sbyte)Math.Clamp(MathF.Round(query[i] * inverse), -QueryLevels, QueryLevels);
            levels[i] = level;
            levelSum += level;
            // In double: products of a float and a small integer, and their differences, are exact or nearly so.
            var rounding = query[i] - ((double)queryScale * level);
            roundingSquares += rounding * rounding;
            querySquares += (double)query[i] * query[i];
        }

        var terms = new QueryTerms(
            queryScale,
            RoundUp(Math.Sqrt(querySquares)),
            RoundUp(_largestLevelNorm * Math.Sqrt(roundingSquares)),
            CodeOffset * levelSum);
        switch (kernel)
        {
            case CompactScanKernel.AvxVnni:
                ScoreFourRowsAtATime<VnniNibbleDot>(levels, terms, bias, bounds);
                break;
            case CompactScanKernel.Avx2:
                ScoreFourRowsAtATime<Avx2NibbleDot>(levels, terms, bias, bounds);
                break;
            case CompactScanKernel.Avx512:
                ScoreSixteenRowsAtATime(levels, terms, bias, bounds);
                break;
            default:
                ScorePortable(levels, terms, bias, bounds);
                break;
        }
    }

    /// <summary>
    /// A row's bound from its integer dot product: s_r·(dot·s_q) + ‖δ_r‖·‖q‖ + ‖s·r̂‖max·‖ε‖ + bias. The vector form
    /// in <see cref="ScoreFourRowsAtATime"/> does the same operations in the same order, so both kernels give identical floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Bound(int row, int dot, in QueryTerms terms, ReadOnlySpan<float> bias) =>
        (_scales[row] * (dot * terms.Scale)) + (_residualNorms[row] * terms.Norm) + terms.RoundingTerm + bias[row];

    /// <summary>
    /// The x86 kernels: each 32-byte block is split into its low and high nibbles (the row levels + 7, unsigned) and
    /// multiplied with the two matching 32-byte halves of the int8 query by <typeparamref name="TDot"/>; four rows per
    /// step, so each query load feeds four rows. The +7 comes back out once per row as 7·Σq̂.
    /// </summary>
    private void ScoreFourRowsAtATime<TDot>(ReadOnlySpan<sbyte> query, in QueryTerms terms, ReadOnlySpan<float> bias, Span<float> scores)
        where TDot : struct, INibbleDot
    {
        ref var codes = ref MemoryMarshal.GetArrayDataReference(_codes);
        ref var queryBytes = ref MemoryMarshal.GetReference(query);
        var row = 0;
        for (; row + 4 <= Count; row += 4)
        {
            var offset = (nuint)(row * Stride);
            Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default;
            for (var block = 0; block < Blocks; block++)
            {
                var at = (nuint)(block * BlockBytes);
                var low = Vector256.LoadUnsafe(ref queryBytes, (nuint)(block * ValuesPerBlock));
                var high = Vector256.LoadUnsafe(ref queryBytes, (nuint)(block * ValuesPerBlock) + BlockBytes);
                a0 = TDot.Accumulate(a0, Vector256.LoadUnsafe(ref codes, offset + at), low, high);
                a1 = TDot.Accumulate(a1, Vector256.LoadUnsafe(ref codes, offset + (nuint)Stride + at), low, high);
                a2 = TDot.Accumulate(a2, Vector256.LoadUnsafe(ref codes, offset + (nuint)(2 * Stride) + at), low, high);
                a3 = TDot.Accumulate(a3, Vector256.LoadUnsafe(ref codes, offset + (nuint)(3 * Stride) + at), low, high);
            }

            // Four horizontal sums at once: two rounds of pairwise adds leave [a0 a1 a2 a3] in each 128-bit half.
            var pairs = Avx2.HorizontalAdd(Avx2.HorizontalAdd(a0, a1), Avx2.HorizontalAdd(a2, a3));
            var dots = pairs.GetLower() + pairs.GetUpper() - Vector128.Create(terms.OffsetCorrection);
            var bounds = (Vector128.LoadUnsafe(ref _scales[row]) * (Vector128.ConvertToSingle(dots) * terms.Scale))
                + (Vector128.LoadUnsafe(ref _residualNorms[row]) * terms.Norm)
                + Vector128.Create(terms.RoundingTerm)
                + Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(bias), (nuint)row);
            bounds.StoreUnsafe(ref scores[row]);
        }

        for (; row < Count; row++)
        {
            var offset = (nuint)(row * Stride);
            Vector256<int> accumulator = default;
            for (var block = 0; block < Blocks; block++)
            {
                var low = Vector256.LoadUnsafe(ref queryBytes, (nuint)(block * ValuesPerBlock));
                var high = Vector256.LoadUnsafe(ref queryBytes, (nuint)(block * ValuesPerBlock) + BlockBytes);
                accumulator = TDot.Accumulate(accumulator, Vector256.LoadUnsafe(ref codes, offset + (nuint)(block * BlockBytes)), low, high);
            }

            scores[row] = Bound(row, Vector256.Sum(accumulator) - terms.OffsetCorrection, terms, bias);
        }
    }

    /// <summary>
    /// The AVX-512 kernel: one 64-byte load holds two packed blocks (a whole 128-d row), split into nibbles and
    /// multiplied by vpmaddubsw with the query rearranged to match (<see cref="PairBlocks"/>). Sixteen rows per step:
    /// their sixteen vectors of partial sums are reduced together (<see cref="SumSixteenRows"/>), about three
    /// instructions a row where a row's own horizontal sum would take eight, and their bounds are one 16-lane
    /// computation in the operation order of <see cref="Bound"/>. Rows of one register (dimensions 65 to 128) get
    /// their own compiled copy (<see cref="OneRegisterRows"/>), with the query in registers and no loop per row.
    /// </summary>
    private void ScoreSixteenRowsAtATime(ReadOnlySpan<sbyte> query, in QueryTerms terms, ReadOnlySpan<float> bias, Span<float> scores)
    {
        var pairs = (Blocks + 1) / 2;
        Span<sbyte> paired = pairs * 2 * RegisterBytes <= 2048 ? stackalloc sbyte[pairs * 2 * RegisterBytes] : new sbyte[pairs * 2 * RegisterBytes];
        PairBlocks(query, paired);
        if (Stride == RegisterBytes)
        {
            ScoreSixteenRowsAtATime<OneRegisterRows>(paired, terms, bias, scores);
        }
        else
        {
            ScoreSixteenRowsAtATime<AnyRows>(paired, terms, bias, scores);
        }
    }

    private void ScoreSixteenRowsAtATime<TRows>(ReadOnlySpan<sbyte> paired, in QueryTerms terms, ReadOnlySpan<float> bias, Span<float> scores)
        where TRows : struct, IRowShape
    {
        var pairs = paired.Length / (2 * RegisterBytes);
        var stride = TRows.IsOneRegister ? RegisterBytes : Stride;
        var query = new PairedQuery(ref MemoryMarshal.GetReference(paired), pairs, stride);
        ref var codes = ref MemoryMarshal.GetArrayDataReference(_codes);
        var row = 0;
        for (; row + 16 <= Count; row += 16)
        {
            ref var rows = ref Unsafe.Add(ref codes, row * stride);
            var dots = SumSixteenRows(
                SumTwoRows(RowProducts<TRows>(ref rows, 0, query), RowProducts<TRows>(ref rows, 1, query)),
                SumTwoRows(RowProducts<TRows>(ref rows, 2, query), RowProducts<TRows>(ref rows, 3, query)),
                SumTwoRows(RowProducts<TRows>(ref rows, 4, query), RowProducts<TRows>(ref rows, 5, query)),
                SumTwoRows(RowProducts<TRows>(ref rows, 6, query), RowProducts<TRows>(ref rows, 7, query)),
                SumTwoRows(RowProducts<TRows>(ref rows, 8, query), RowProducts<TRows>(ref rows, 9, query)),
                SumTwoRows(RowProducts<TRows>(ref rows, 10, query), RowProducts<TRows>(ref rows, 11, query)),
                SumTwoRows(RowProducts<TRows>(ref rows, 12, query), RowProducts<TRows>(ref rows, 13, query)),
                SumTwoRows(RowProducts<TRows>(ref rows, 14, query), RowProducts<TRows>(ref rows, 15, query)))
                - Vector512.Create(terms.OffsetCorrection);
            var bounds = (Vector512.LoadUnsafe(ref _scales[row]) * (Vector512.ConvertToSingle(dots) * terms.Scale))
                + (Vector512.LoadUnsafe(ref _residualNorms[row]) * terms.Norm)
                + Vector512.Create(terms.RoundingTerm)
                + Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(bias), (nuint)row);
            bounds.StoreUnsafe(ref scores[row]);
        }

        for (; row < Count; row++)
        {
            var products = RowProducts<TRows>(ref Unsafe.Add(ref codes, row * stride), 0, query);
            scores[row] = Bound(row, Vector512.Sum(products) - terms.OffsetCorrection, terms, bias);
        }
    }

    /// <summary>
    /// Lays the query out for 64-byte loads of two blocks b, b + 1: for each such pair, first the values the low
    /// nibbles multiply (block b's values 0..31, then block b + 1's), then those the high nibbles multiply (32..63 of
    /// each). An odd last block gets zeros in place of its missing partner.
    /// </summary>
    private void PairBlocks(ReadOnlySpan<sbyte> query, Span<sbyte> paired)
    {
        paired.Clear();
        for (var block = 0; block < Blocks; block++)
        {
            var pairStart = block / 2 * 2 * RegisterBytes;
            var half = block % 2 * BlockBytes;
            query.Slice(block * ValuesPerBlock, BlockBytes).CopyTo(paired[(pairStart + half)..]);
            query.Slice((block * ValuesPerBlock) + BlockBytes, BlockBytes).CopyTo(paired[(pairStart + RegisterBytes + half)..]);
        }
    }

    /// <summary>
    /// Row <paramref name="index"/> (counted from <paramref name="rows"/>) times the paired query: sixteen 32-bit
    /// partial sums whose total is the row's dot product with the codes (levels + 7).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> RowProducts<TRows>(ref byte rows, int index, in PairedQuery query)
        where TRows : struct, IRowShape
    {
        ref var row = ref Unsafe.Add(ref rows, index * query.Stride);
        if (TRows.IsOneRegister)
        {
            return RegisterProducts(Vector512.LoadUnsafe(ref row), query.FirstLow, query.FirstHigh);
        }

        var sum = Vector512<int>.Zero;
        for (var at = 0; at < query.Pairs * RegisterBytes; at += RegisterBytes)
        {
            // An odd last block is loaded alone and zero-extended: a full load would read past the row, and its
            // partner's query values are zeros anyway.
            var packed = at + RegisterBytes <= query.Stride
                ? Vector512.LoadUnsafe(ref row, (nuint)at)
                : Vector256.LoadUnsafe(ref row, (nuint)at).ToVector512();
            sum += RegisterProducts(
                packed,
                Vector512.LoadUnsafe(ref query.Start, (nuint)(2 * at)),
                Vector512.LoadUnsafe(ref query.Start, (nuint)((2 * at) + RegisterBytes)));
        }

        return sum;
    }

    /// <summary>
    /// One register of codes times its query values. The two vpmaddubsw results are added in 16 bits before
    /// widening, which cannot overflow: each lane is at most 2·14·127 = 3,556 per multiply.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> RegisterProducts(Vector512<byte> packed, Vector512<sbyte> low, Vector512<sbyte> high)
    {
        var mask = Vector512.Create((byte)0x0F);
        var products = Avx512BW.MultiplyAddAdjacent(packed & mask, low)
            + Avx512BW.MultiplyAddAdjacent(Vector512.ShiftRightLogical(packed.AsUInt16(), 4).AsByte() & mask, high);
        return Avx512BW.MultiplyAddAdjacent(products, Vector512<short>.One);
    }

    /// <summary>
    /// The first step of a 16×16 transpose-and-add: rows a, b become, in each 128-bit lane, [a0+a2, b0+b2, a1+a3,
    /// b1+b3], two rows' partial sums in one register.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> SumTwoRows(Vector512<int> a, Vector512<int> b) =>
        Avx512F.UnpackLow(a, b) + Avx512F.UnpackHigh(a, b);

    /// <summary>
    /// The rest of the transpose-and-add, from eight <see cref="SumTwoRows"/> results (rows 0 and 1 first): 64-bit
    /// unpacks put four rows in each 128-bit lane, then two rounds of 128-bit lane shuffles add the lanes, leaving
    /// row r's whole sum in 32-bit lane r.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> SumSixteenRows(
        Vector512<int> rows01, Vector512<int> rows23, Vector512<int> rows45, Vector512<int> rows67,
        Vector512<int> rows89, Vector512<int> rows1011, Vector512<int> rows1213, Vector512<int> rows1415)
    {
        var rows0to7 = SumLanePairs(SumFourRows(rows01, rows23), SumFourRows(rows45, rows67));
        var rows8to15 = SumLanePairs(SumFourRows(rows89, rows1011), SumFourRows(rows1213, rows1415));
        return SumLanePairs(rows0to7, rows8to15);

        // [a b a b] [c d c d] per lane → [a b c d]: the 64-bit halves interleaved, added as 32-bit lanes.
        static Vector512<int> SumFourRows(Vector512<int> ab, Vector512<int> cd) =>
            Avx512F.UnpackLow(ab.AsInt64(), cd.AsInt64()).AsInt32() + Avx512F.UnpackHigh(ab.AsInt64(), cd.AsInt64()).AsInt32();

        // Lanes [x0 x1 x2 x3], [y0 y1 y2 y3] → [x0+x1, x2+x3, y0+y1, y2+y3]: 0x88 picks lanes 0, 2 of each, 0xDD lanes 1, 3.
        static Vector512<int> SumLanePairs(Vector512<int> x, Vector512<int> y) =>
            Avx512F.Shuffle4x128(x, y, 0x88) + Avx512F.Shuffle4x128(x, y, 0xDD);
    }

    /// <summary>
    /// Any CPU: the nibbles and the query widened to 16 bits (|code · q̂| &lt;= 14 · 127, and four such products still
    /// fit), multiplied, summed, then widened to 32 bits. About the cost per value of the int8 portable kernel.
    /// </summary>
    private void ScorePortable(ReadOnlySpan<sbyte> query, in QueryTerms terms, ReadOnlySpan<float> bias, Span<float> scores)
    {
        // Per block: the query's low half (values 0..31) and high half (32..63), each widened into two 16-lane vectors.
        Span<Vector256<short>> wide = stackalloc Vector256<short>[Blocks * 4];
        var queryVectors = MemoryMarshal.Cast<sbyte, Vector256<sbyte>>(query);
        for (var i = 0; i < queryVectors.Length; i++)
        {
            (wide[2 * i], wide[(2 * i) + 1]) = Vector256.Widen(queryVectors[i]);
        }

        ref var codes = ref MemoryMarshal.GetArrayDataReference(_codes);
        for (var row = 0; row < Count; row++)
        {
            var accumulator = Vector256<int>.Zero;
            for (var block = 0; block < Blocks; block++)
            {
                var packed = Vector256.LoadUnsafe(ref codes, (nuint)((row * Stride) + (block * BlockBytes)));
                var (lowCodes, highCodes) = INibbleDot.Unpack(packed);
                var (low0, low1) = Vector256.Widen(lowCodes);
                var (high0, high1) = Vector256.Widen(highCodes);
                var sum = (low0.AsInt16() * wide[4 * block]) + (low1.AsInt16() * wide[(4 * block) + 1])
                    + (high0.AsInt16() * wide[(4 * block) + 2]) + (high1.AsInt16() * wide[(4 * block) + 3]);
                var (sum0, sum1) = Vector256.Widen(sum);
                accumulator += sum0 + sum1;
            }

            scores[row] = Bound(row, Vector256.Sum(accumulator) - terms.OffsetCorrection, terms, bias);
        }
    }

    private protected override bool IsNonFinite(int row) => float.IsNaN(_scales[row]);

    private protected override bool Store(int row, ReadOnlySpan<float> values)
    {
        var target = _codes.AsSpan(row * Stride, Stride);
        var magnitude = MathF.Abs(TensorPrimitives.MaxMagnitude(values)); // MaxMagnitude returns the signed element
        if (!float.IsFinite(magnitude))
        {
            // Kept as zeros and flagged: no bound holds for such a row.
            target.Fill(CodeOffset | (CodeOffset << 4));
            _scales[row] = float.NaN;
            _residualNorms[row] = float.NaN;
            return false;
        }

        var scale = magnitude / RowLevels;
        var inverse = magnitude > 0f ? RowLevels / magnitude : 0f;
        // Padding is level 0; the query's padding is 0 as well, so it adds nothing either way.
        target.Fill(CodeOffset | (CodeOffset << 4));
        double residualSquares = 0, levelSquares = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var level = (int)Math.Clamp(MathF.Round(values[i] * inverse), -RowLevels, RowLevels);
            var residual = values[i] - ((double)scale * level);
            residualSquares += residual * residual;
            levelSquares += (double)level * level;
            var block = i / ValuesPerBlock;
            var within = i % ValuesPerBlock;
            ref var slot = ref target[(block * BlockBytes) + (within % BlockBytes)];
            slot = within < BlockBytes
                ? (byte)((slot & 0xF0) | (level + CodeOffset))
                : (byte)((slot & 0x0F) | ((level + CodeOffset) << 4));
        }

        _scales[row] = scale;
        _residualNorms[row] = RoundUp(Math.Sqrt(residualSquares));
        _largestLevelNorm = Math.Max(_largestLevelNorm, RoundUp(scale * Math.Sqrt(levelSquares)));
        return true;
    }

    /// <summary>The float at or above a non-negative double, so a norm stored as float is never smaller than the real one.</summary>
    private static float RoundUp(double value)
    {
        var single = (float)value;
        return single < value ? MathF.BitIncrement(single) : single;
    }

    private protected override void Grow(int capacity)
    {
        Array.Resize(ref _codes, checked(capacity * Stride));
        Array.Resize(ref _scales, capacity);
        Array.Resize(ref _residualNorms, capacity);
    }

    /// <summary>One packed block's contribution to a row's integer dot product: Σ code_j·low_j + code'_j·high_j.</summary>
    private interface INibbleDot
    {
        static abstract Vector256<int> Accumulate(Vector256<int> accumulator, Vector256<byte> packed, Vector256<sbyte> low, Vector256<sbyte> high);

        /// <summary>Shifting 16-bit lanes moves each byte's high nibble down; the mask drops what crossed in from the next byte.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static (Vector256<byte> Low, Vector256<byte> High) Unpack(Vector256<byte> packed)
        {
            var mask = Vector256.Create((byte)0x0F);
            return (packed & mask, Vector256.ShiftRightLogical(packed.AsUInt16(), 4).AsByte() & mask);
        }
    }

    /// <summary>vpdpbusd: the byte products summed straight into the 32-bit lanes.</summary>
    private readonly struct VnniNibbleDot : INibbleDot
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<int> Accumulate(Vector256<int> accumulator, Vector256<byte> packed, Vector256<sbyte> low, Vector256<sbyte> high)
        {
            var (lowCodes, highCodes) = INibbleDot.Unpack(packed);
            accumulator = AvxVnni.MultiplyWideningAndAdd(accumulator, lowCodes, low);
            return AvxVnni.MultiplyWideningAndAdd(accumulator, highCodes, high);
        }
    }

    /// <summary>
    /// vpmaddubsw then vpmaddwd: adjacent byte products summed in pairs to 16 bits (at most 2·14·127, so never
    /// saturating; the two halves' sums together at most 7,112), then pairs of those to 32 bits.
    /// </summary>
    private readonly struct Avx2NibbleDot : INibbleDot
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<int> Accumulate(Vector256<int> accumulator, Vector256<byte> packed, Vector256<sbyte> low, Vector256<sbyte> high)
        {
            var (lowCodes, highCodes) = INibbleDot.Unpack(packed);
            var pairs = Avx2.MultiplyAddAdjacent(lowCodes, low) + Avx2.MultiplyAddAdjacent(highCodes, high);
            return accumulator + Avx2.MultiplyAddAdjacent(pairs, Vector256<short>.One);
        }
    }

    /// <summary>Which copy of the AVX-512 kernel the JIT compiles: a constant per shape, so the other path is dropped.</summary>
    private interface IRowShape
    {
        static abstract bool IsOneRegister { get; }
    }

    /// <summary>Rows of exactly one 64-byte register: no loop per row, the query held in two registers.</summary>
    private readonly struct OneRegisterRows : IRowShape
    {
        public static bool IsOneRegister => true;
    }

    /// <summary>Rows of any length: a loop over the row's registers, an odd last block loaded alone.</summary>
    private readonly struct AnyRows : IRowShape
    {
        public static bool IsOneRegister => false;
    }

    /// <summary>The query as <see cref="PairBlocks"/> laid it out, its first register pair loaded once, and the row stride.</summary>
    private readonly ref struct PairedQuery
    {
        /// <summary>A ref field: a ref struct may hold one, an auto-property may not return by reference.</summary>
        public readonly ref sbyte Start;

        public PairedQuery(ref sbyte start, int pairs, int stride)
        {
            Start = ref start;
            Pairs = pairs;
            Stride = stride;
            FirstLow = Vector512.LoadUnsafe(ref start);
            FirstHigh = Vector512.LoadUnsafe(ref start, RegisterBytes);
        }

        public int Pairs { get; }

        public int Stride { get; }

        public Vector512<sbyte> FirstLow { get; }

        public Vector512<sbyte> FirstHigh { get; }
    }

    /// <summary>What every row's bound needs from the query: s_q, ‖q‖₂, ‖s·r̂‖max·‖ε‖₂ and 7·Σq̂.</summary>
    private readonly record struct QueryTerms(float Scale, float Norm, float RoundingTerm, int OffsetCorrection);
}
