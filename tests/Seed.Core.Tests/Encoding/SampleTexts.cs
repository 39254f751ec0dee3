namespace Seed.Core.Tests.Encoding;

internal static class SampleTexts
{
    /// <summary>Pairs and measured cosines from the model's SOURCE.md.</summary>
    public static readonly (string First, string Second, double Cosine, bool Similar)[] MeasuredPairs =
    [
        ("A man is playing a guitar on stage.", "A musician performs a song with his guitar.", 0.7173, true),
        ("A man is playing a guitar on stage.", "The central bank raised interest rates again.", 0.0170, false),
        ("A musician performs a song with his guitar.", "The central bank raised interest rates again.", 0.0025, false),
        ("wireless noise cancelling over-ear headphones", "bluetooth headphones with active noise cancellation", 0.8713, true),
        ("wireless noise cancelling over-ear headphones", "organic cotton baby blanket", 0.0482, false),
        ("bluetooth headphones with active noise cancellation", "organic cotton baby blanket", 0.0015, false),
        ("cheap running shoes for men", "lightweight men's jogging sneakers on sale", 0.7246, true),
        ("cheap running shoes for men", "stainless steel kitchen knife set", 0.0907, false),
        ("lightweight men's jogging sneakers on sale", "stainless steel kitchen knife set", 0.0323, false),
    ];

    /// <summary>Mixed lengths and scripts: accents, Hangul, CJK, punctuation, numbers, a word too long for WordPiece.</summary>
    public static readonly string[] Varied =
    [
        "Hello, World!",
        "Toy Story (1995) Adventure|Animation|Children|Comedy|Fantasy",
        "日本語のテキストと English mixed",
        "jazz",
        "The quick brown fox jumps over the lazy dog while 42 people watch from the antidisestablishmentarian balcony.",
        "supercalifragilisticexpialidocious " + new string('z', 120),
        "Schindler's List is a 1993 American epic historical drama film directed and produced by Steven Spielberg.",
        "   leading and trailing spaces   ",
        "Café au lait in a Parisian café",
        "Léon: The Professional (a.k.a. Léon) (1994)",
        "한국어 영화",
        "hello\nworld\r\nagain",
    ];

    /// <summary>A text far longer than 256 word pieces.</summary>
    public static string Long(int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(i => (i % 4) switch
        {
            0 => "recommendation",
            1 => $"item{i}",
            2 => "unbelievably",
            _ => "café",
        }));
}
