namespace Seed.Storage.Embeddings;

/// <summary>
/// The texts an <see cref="ITextEmbeddingStore"/> lookup did not answer and the positions their vectors belong to:
/// what every store-backed encoder encodes, fills back in and then stores.
/// </summary>
public sealed class StoreMisses
{
    private readonly List<int> _positions;

    private StoreMisses(List<int> positions, List<string> texts)
    {
        _positions = positions;
        Texts = texts;
    }

    /// <summary>The texts to encode, in lookup order.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>How many texts the store did not hold.</summary>
    public int Count => _positions.Count;

    /// <summary>The misses of a lookup: <paramref name="stored"/>[i] is the store's vector of <paramref name="texts"/>[i], or null.</summary>
    public static StoreMisses Of(IReadOnlyList<string> texts, float[]?[] stored)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(stored);
        var positions = new List<int>();
        var missing = new List<string>();
        for (int i = 0; i < stored.Length; i++)
        {
            if (stored[i] is null)
            {
                positions.Add(i);
                missing.Add(texts[i]);
            }
        }

        return new StoreMisses(positions, missing);
    }

    /// <summary>Puts vector m of <paramref name="encoded"/> (the encoding of <see cref="Texts"/>[m]) where its text was; every entry of <paramref name="stored"/> is then set.</summary>
    public float[][] FillInto(float[]?[] stored, float[][] encoded)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(encoded);
        for (int m = 0; m < _positions.Count; m++)
        {
            stored[_positions[m]] = encoded[m];
        }

        return stored!;
    }
}
