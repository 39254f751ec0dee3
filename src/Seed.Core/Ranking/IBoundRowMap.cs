namespace Seed.Core.Ranking;

/// <summary>
/// Which row each bound of <see cref="CompactTopKSelector.RankBoundedRows"/> belongs to. A ref struct may implement it,
/// so a caller maps bounds through the spans it already holds instead of copying a row id per bound.
/// </summary>
internal interface IBoundRowMap
{
    /// <summary>The row whose bound is at position <paramref name="at"/>.</summary>
    int RowAt(int at);
}
