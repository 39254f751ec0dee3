using Seed.Abstractions.Catalog;

namespace Seed.Core.Collaborative;

/// <summary>
/// How much the live co-like signal counts in the ranking score, and how it reads a user's recent likes:
/// score = q · v + popularity prior + <see cref="Weight"/> · Σ_p <see cref="Decay"/>^p · c(i, R_p) / sqrt(n_i · n_{R_p}),
/// where R_0, R_1, ... are the user's last <see cref="Window"/> distinct liked items, most recent first, c(i, j) counts
/// users who liked i and j within <see cref="Window"/> likes of each other, and n_i counts i's likes. It is item-to-item
/// cosine on the binary like matrix, kept current by the catalog shards from the live event stream and read with a
/// recency decay, so collaborative filtering reacts to what users do now rather than to a frozen training matrix.
/// Chosen per model by Seed.Training on its validation slice (config fields <c>coLikeWeight</c>, <c>coLikeDecay</c>,
/// <c>coLikeWindow</c>).
/// </summary>
/// <param name="Weight">Scale γ of the co-like term; 0 turns the signal off (nothing is counted or sent).</param>
/// <param name="Decay">Factor δ in (0, 1] applied per position in the user's recent likes.</param>
/// <param name="Window">How many recent distinct likes a user keeps, pairs with and is scored from.</param>
public sealed record CoLikeSettings(float Weight, float Decay, int Window)
{
    /// <summary>The window used when a model names a weight but no window.</summary>
    public const int DefaultWindow = 20;

    /// <summary>No co-like signal: the fallback tracker and models trained without it.</summary>
    public static CoLikeSettings Disabled { get; } = new(0f, 1f, DefaultWindow);

    /// <summary>True when the signal takes part in ranking (and so must be counted).</summary>
    public bool IsEnabled => Weight > 0f;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public CoLikeSettings Validated()
    {
        if (!float.IsFinite(Weight) || Weight < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(Weight), Weight, "The co-like weight must be a finite number >= 0.");
        }

        if (!float.IsFinite(Decay) || Decay <= 0f || Decay > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(Decay), Decay, "The co-like decay must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Window);
        return this;
    }

    /// <summary>
    /// The query weight of the liked item at <paramref name="position"/> (0 = most recent) that has
    /// <paramref name="likeCount"/> likes: δ^p / sqrt(n). Computed once per recommendation by whoever holds the
    /// user's likes (the user grain, the offline replay) and sent to every shard, so all of them score with the same floats.
    /// </summary>
    public float QueryWeight(int position, double likeCount) =>
        likeCount <= 0 ? 0f : (float)(Math.Pow(Decay, position) / Math.Sqrt(likeCount));

    /// <summary>
    /// A row's ranking bias: its popularity bias plus γ · (the accumulated Σ_p weight_p · c(row, R_p)) / sqrt(n_row).
    /// The one expression the shards and the offline replay evaluate.
    /// </summary>
    public float RowBias(float popularityBias, float accumulated, double likeCount) =>
        RowBiasOfRoot(popularityBias, accumulated, LikeCountRoot(likeCount));

    /// <summary><see cref="RowBias"/> from the row's <see cref="LikeCountRoot"/>: the same float.</summary>
    public float RowBiasOfRoot(float popularityBias, float accumulated, float likeCountRoot) =>
        accumulated == 0f || likeCountRoot <= 0 ? popularityBias : popularityBias + RowTermOfRoot(accumulated, likeCountRoot);

    /// <summary>
    /// A row's co-like term alone, γ · accumulated / sqrt(n_row) (0 without likes): <see cref="RowBias"/> adds it to
    /// the popularity bias, so a caller holding the two apart gets the same float by adding them.
    /// </summary>
    public float RowTerm(float accumulated, double likeCount) => RowTermOfRoot(accumulated, LikeCountRoot(likeCount));

    /// <summary><see cref="RowTerm"/> from the row's <see cref="LikeCountRoot"/>: the same float.</summary>
    public float RowTermOfRoot(float accumulated, float likeCountRoot) =>
        accumulated == 0f || likeCountRoot <= 0 ? 0f : Weight * accumulated / likeCountRoot;

    /// <summary>
    /// sqrt(n_row) as a row's co-like term divides by it (0 for a row without likes). An owner keeps it per row rather
    /// than the count: a ranking reads it for each of the thousands of rows a user's likes touch, at random, and a
    /// float array is half the bytes of the counts (and takes no square root per read).
    /// </summary>
    public static float LikeCountRoot(double likeCount) => likeCount <= 0 ? 0f : (float)Math.Sqrt(likeCount);

    /// <summary>
    /// The query weights of a user's recent likes (most recent first), each with its live like count, in that order:
    /// the list the user grain sends with a recommendation and the offline replay scores with.
    /// </summary>
    public CoLikeWeight[] QueryWeights(IReadOnlyList<string> likedItems, IReadOnlyList<double> likeCounts)
    {
        ArgumentNullException.ThrowIfNull(likedItems);
        ArgumentNullException.ThrowIfNull(likeCounts);
        if (likeCounts.Count != likedItems.Count)
        {
            throw new ArgumentException($"{likeCounts.Count} like counts for {likedItems.Count} liked items.", nameof(likeCounts));
        }

        var weights = new CoLikeWeight[likedItems.Count];
        for (var position = 0; position < weights.Length; position++)
        {
            weights[position] = new CoLikeWeight(likedItems[position], QueryWeight(position, likeCounts[position]));
        }

        return weights;
    }
}
