using Seed.Encoders;

namespace Seed.Grains.Tests;

/// <summary>An encoder stand-in for <c>InterestModelProvider</c>, which only asks the encoder for its dimension.</summary>
internal sealed class DimensionOnlyEncoder(int dimension) : ISentenceEncoder
{
    public int Dimension => dimension;

    public int MaxTokens => 0;

    public string Fingerprint => "dimension-only";

    public TokenizedText Tokenize(string text) => throw new NotSupportedException();

    public float[][] Encode(IReadOnlyList<TokenizedText> batch) => throw new NotSupportedException();

    public float[][] Encode(IReadOnlyList<string> texts) => throw new NotSupportedException();
}
