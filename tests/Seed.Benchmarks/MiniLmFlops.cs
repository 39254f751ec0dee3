namespace Seed.Benchmarks;

/// <summary>
/// Floating-point operations of one all-MiniLM-L6-v2 forward pass per text (6 layers, width 384, feed-forward 1,536),
/// counting the matrix products (2 FLOPs per multiply-add), which are nearly all of it: per layer and token the Q, K,
/// V and output projections (4·384²), the feed-forward pair (2·384·1,536), and attention's scores and weighted sum
/// (2·n·384 for n tokens). Embedding lookups, layer norms, softmax and GELU are left out (well under 1 %).
/// </summary>
public static class MiniLmFlops
{
    private const long Layers = 6;
    private const long Hidden = 384;
    private const long FeedForward = 1536;

    /// <summary>FLOPs to encode one text of <paramref name="tokens"/> word pieces.</summary>
    public static double PerText(int tokens)
    {
        long perTokenPerLayer = 2 * ((4 * Hidden * Hidden) + (2 * Hidden * FeedForward) + (2 * tokens * Hidden));
        return (double)perTokenPerLayer * Layers * tokens;
    }
}
