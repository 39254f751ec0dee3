using System.Runtime.InteropServices;
using Seed.Abstractions.Catalog;

namespace Seed.Benchmarks;

/// <summary>
/// Co-like counts kept as <c>Seed.Core.Collaborative.CoLikeIndex</c> kept them before its bucketed row maps: one
/// <see cref="Dictionary{TKey,TValue}"/> of rows per other item, with the same unsaved list. The baseline
/// <see cref="CoLikeIndexBenchmarks"/> compares the index against; only the two operations measured.
/// </summary>
internal sealed class DictionaryCoLikeCounts
{
    private readonly Dictionary<string, Dictionary<int, PairCount>> _rowsByOther = new(StringComparer.Ordinal);
    private readonly List<(int Row, string Other, Dictionary<int, PairCount> Rows)> _unsaved = [];

    public void Increment(int row, string otherItemId)
    {
        if (!_rowsByOther.TryGetValue(otherItemId, out var counts))
        {
            counts = [];
            _rowsByOther[otherItemId] = counts;
        }

        ref var pair = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, row, out _);
        pair.Count++;
        if (!pair.Unsaved)
        {
            pair.Unsaved = true;
            _unsaved.Add((row, otherItemId, counts));
        }
    }

    public void Accumulate(IReadOnlyList<CoLikeWeight> weights, Span<float> accumulator)
    {
        foreach (var weight in weights)
        {
            if (!_rowsByOther.TryGetValue(weight.ItemId, out var rows))
            {
                continue;
            }

            foreach (var (row, (count, _)) in rows)
            {
                accumulator[row] += weight.Weight * count;
            }
        }
    }

    private record struct PairCount(int Count, bool Unsaved);
}
