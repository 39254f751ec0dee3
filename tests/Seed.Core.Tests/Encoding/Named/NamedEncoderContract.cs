using Seed.Core.Numerics;
using Seed.Encoders;

namespace Seed.Core.Tests.Encoding.Named;

/// <summary>
/// What every package-borne transformer must satisfy, pinned against the independent reference in
/// <see cref="NamedEncoderFixture"/>. Kept to a handful of short sentences: the models run on CPU in CI.
/// </summary>
public abstract class NamedEncoderContract<TFixture>(TFixture fixture)
    where TFixture : NamedEncoderFixture
{
    private static readonly string[] Sentences =
    [
        "hello world",
        "A cheerful romantic comedy set in Paris.",
        "Heavy metal guitar strings for electric guitars.",
        "The quick brown fox jumps over the lazy dog!",
    ];

    private static readonly (string First, string Second)[] Paraphrases =
    [
        ("A funny love story in Paris", "A cheerful romantic comedy set in Paris."),
        ("Strings for an electric guitar", "Heavy metal guitar strings for electric guitars."),
    ];

    private static readonly (string First, string Second)[] Unrelated =
    [
        ("A funny love story in Paris", "Strings for an electric guitar"),
        ("A cheerful romantic comedy set in Paris.", "Heavy metal guitar strings for electric guitars."),
    ];

    private OnnxSentenceEncoder Encoder => fixture.Encoder;

    [Fact]
    public void Loads_from_the_package_resources_as_a_384_d_encoder_with_token_types()
    {
        Assert.Equal(384, Encoder.Dimension);
        Assert.True(Encoder.DeclaresTokenTypeIds);
        Assert.Equal(fixture.Model.Pooling == EncoderPooling.Cls ? "Cls" : "MeanPooling", Encoder.PoolingUsed);
        Assert.Equal(Math.Min(new EncoderOptions().MaxTokens, fixture.Model.MaxSequenceLength), Encoder.MaxTokens);
        Assert.Contains(fixture.Model.ResourceAssembly, Encoder.ModelDirectory, StringComparison.Ordinal);
        Assert.Matches($"^{fixture.Model.Name}-[0-9a-f]{{16}}$", Encoder.Fingerprint);
    }

    [Fact]
    public void Token_ids_match_the_uncased_BERT_vocabulary_and_a_second_WordPiece_implementation()
    {
        // bert-base-uncased ids, which both models' vocabularies share: [CLS] hello world [SEP].
        Assert.Equal([101, 7592, 2088, 102], Encoder.Tokenize("Hello WORLD").InputIds);
        foreach (string sentence in Sentences)
        {
            Assert.Equal(fixture.ReferenceTokenizer.Encode(sentence, Encoder.MaxTokens), Encoder.Tokenize(sentence).InputIds);
        }
    }

    [Fact]
    public void Batched_embeddings_equal_a_raw_session_run_on_each_text_alone()
    {
        // One padded batch of texts of different lengths: padding and masks must not change any text's vector.
        float[][] vectors = Encoder.Encode(Sentences);

        for (int i = 0; i < Sentences.Length; i++)
        {
            float[] expected = fixture.ReferenceEmbedding(fixture.ReferenceTokenizer.Encode(Sentences[i], Encoder.MaxTokens));
            Assert.Equal(expected.Length, vectors[i].Length);
            for (int d = 0; d < expected.Length; d++)
            {
                Assert.True(Math.Abs(expected[d] - vectors[i][d]) < 1e-4f, $"'{Sentences[i]}' dimension {d}: {vectors[i][d]} vs reference {expected[d]}");
            }
        }
    }

    [Fact]
    public void Paraphrases_are_clearly_closer_than_unrelated_pairs()
    {
        float Cosine((string First, string Second) pair)
        {
            float[][] vectors = Encoder.Encode([pair.First, pair.Second]);
            return VectorOps.Cosine(vectors[0], vectors[1]);
        }

        float weakestParaphrase = Paraphrases.Min(Cosine);
        float closestUnrelated = Unrelated.Max(Cosine);
        Assert.True(weakestParaphrase > closestUnrelated + 0.15f, $"paraphrases >= {weakestParaphrase}, unrelated <= {closestUnrelated}");
    }

    [Fact]
    public void Over_long_text_is_truncated_to_the_token_limit_ending_in_SEP()
    {
        string longText = string.Join(' ', Enumerable.Repeat("guitar", 2 * Encoder.MaxTokens));

        TokenizedText tokens = Encoder.Tokenize(longText);

        Assert.True(tokens.Truncated);
        Assert.Equal(Encoder.MaxTokens, tokens.Length);
        Assert.Equal(102, tokens.InputIds[^1]);
        Assert.Equal(384, Encoder.Encode([longText])[0].Length);
    }
}
