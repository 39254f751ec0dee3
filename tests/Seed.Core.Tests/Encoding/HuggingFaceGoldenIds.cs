namespace Seed.Core.Tests.Encoding;

/// <summary>
/// Word-piece ids (no special tokens) that Hugging Face's own tokenizer gives for the potion model's tokenizer.json.
/// </summary>
/// <remarks>
/// Generated once with the official Node binding of the Rust library (npm <c>tokenizers</c> 0.23.2):
/// <c>Tokenizer.fromFile("tokenizer.json").encode(text, null, { addSpecialTokens: false }).getIds()</c>.
/// tokenizer.json sha256 2b450d39e4f10fbced1417d55fd2ba63fe4a7eea561467a06a91c3a4537995c9 (see SOURCE.md).
/// The cases target where Microsoft.ML.Tokenizers' built-in BERT normaliser/pre-tokenizer differ from Hugging Face.
/// </remarks>
internal static class HuggingFaceGoldenIds
{
    public static readonly (string Text, int[] Ids)[] Cases =
    [
        ("Hello, World!", [6598, 16, 1094, 5]),
        ("Café", [6674]),
        ("CAFÉ", [6674]),
        ("ÀÉÎÕÜ ñ ç ø å", [28353, 2701, 1232, 56, 45, 106, 43]),
        ("Amélie (2001)", [24291, 12, 1547, 13]),
        ("Léon: The Professional (a.k.a. Léon) (1994)", [5512, 30, 1002, 1664, 12, 43, 18, 53, 18, 43, 18, 5512, 13, 12, 1813, 13]),
        ("Café au lait in a Parisian café", [6674, 7746, 20116, 1108, 1005, 43, 23268, 6674]),
        ("한국어 영화", [475, 29012, 29027, 28997, 29020, 29026, 29005, 29014, 469, 29016, 29031, 29011, 29018]),
        ("ガンダム デジタル", [706, 29269, 29241, 29257, 719, 29238, 29241, 29265]),
        ("hello\u0009world", [6598, 1094]),
        ("hello\u000Aworld\u000D\u000Aagain", [6598, 1094, 1159]),
        ("hello\u00A0world", [6598, 1094]),
        ("co\u00ADoperate", [16660]),
        ("hello\u200Bworld", [6598, 10114]),
        ("a\u000Bb\u000Cc\u0085d", [4931, 1100]),
        ("ह\u093Fन\u094Dद\u0940", [345, 28883, 28869, 28867, 28884]),
        ("Adventure|Animation|Children", [5178, 70, 6290, 70, 1342]),
        ("$5 + 3 = 8", [8, 25, 15, 23, 33, 28]),
        ("snake_case", [6494, 41, 1559]),
        ("x^2 <b> ~tilde `q`", [66, 40, 22, 32, 44, 34, 72, 17687, 2213, 42, 59, 42]),
        ("I ❤ emoji \U0001F600", [51, 1, 6867, 28153, 1078, 1]),
        ("R&B", [60, 10, 44]),
        ("Sci-Fi", [15602, 17, 9888]),
        ("日本語のテキストと English mixed", [870, 882, 956, 677, 29245, 29233, 29239, 29246, 29198, 1400, 2822]),
        ("İstanbul ΣΟΦΙΑ straße", [8966, 179, 28736, 28742, 26438, 1364, 26813]),
        ("\u0000nul\uFFFDrepl", [15377, 19980, 12705, 1146]),
        ("\U00020000\U00020001 ext-b", [1, 1, 3660, 1108, 17, 44]),
        ("ﬁne ligature", [990, 1644, 7024, 10250]),
        ("Ⅻ ½ ²", [1, 98, 88]),
        ("“smart quotes” — dash… ¿qué?", [529, 5053, 15620, 530, 523, 10460, 535, 100, 9867, 35]),
        ("supercalifragilisticexpialidocious", [2571, 8295, 9134, 28187, 23417, 3594, 9294, 18318, 20279, 9091, 5319]),
        ("Toy Story (1995) Adventure|Animation|Children|Comedy|Fantasy", [8127, 1472, 12, 1792, 13, 5178, 70, 6290, 70, 1342, 70, 3044, 70, 4919]),
        ("The quick brown fox jumps over the lazy dog while 42 people watch from the antidisestablishmentarian balcony.", [1002, 3254, 1835, 3425, 13529, 1064, 1002, 12977, 2905, 1102, 3419, 1117, 2428, 1019, 1002, 2430, 9527, 3361, 6881, 12608, 2678, 11205, 10679, 18]),
        ("Schindler's List is a 1993 American epic historical drama film directed and produced by Steven Spielberg.", [7046, 9612, 20228, 11, 61, 1868, 1009, 43, 1863, 1143, 7686, 2445, 2695, 1149, 1862, 1004, 1556, 1017, 6118, 27746, 18]),
        ("   leading and trailing spaces   ", [1883, 1004, 11548, 6264]),
        ("jazz", [3172]),
        ("", []),
        ("A man is playing a guitar on stage.", [43, 1164, 1009, 1658, 43, 1864, 1012, 1760, 18]),
        ("A musician performs a song with his guitar.", [43, 4461, 9444, 43, 1305, 1013, 1016, 1864, 18]),
        ("The central bank raised interest rates again.", [1002, 1436, 1930, 1998, 2043, 5171, 1159, 18]),
        ("wireless noise cancelling over-ear headphones", [8955, 4011, 16548, 1995, 1064, 17, 3546, 1138, 18099]),
        ("bluetooth headphones with active noise cancellation", [1636, 18398, 1138, 18099, 1013, 2167, 4011, 15996]),
        ("organic cotton baby blanket", [6560, 5563, 2342, 7774]),
        ("cheap running shoes for men", [9042, 1776, 5013, 1011, 1279]),
        ("lightweight men's jogging sneakers on sale", [11044, 1279, 11, 61, 27239, 27136, 1012, 4102]),
        ("stainless steel kitchen knife set", [17682, 2892, 2835, 4448, 1281]),
    ];
}
