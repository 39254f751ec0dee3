using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace Seed.Encoders;

/// <summary>
/// Hugging Face's <c>BertPreTokenizer</c>: split on whitespace (dropped), and make every punctuation character its
/// own word, where punctuation is all ASCII punctuation plus Unicode categories P*.
/// </summary>
/// <remarks>
/// Replaces the regex <c>\w+|[\p{P}]</c> that Microsoft.ML.Tokenizers 2.0.1 uses, which silently drops symbols the
/// BERT vocabulary has ("|" in MovieLens genres, "$", "+", "=", "^", "~") and anything neither word nor punctuation
/// (emoji, which should become [UNK]), and keeps "_" inside words.
/// </remarks>
internal sealed class HuggingFaceBertPreTokenizer : PreTokenizer
{
    public static HuggingFaceBertPreTokenizer Instance { get; } = new();

    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) => PreTokenize(text.AsSpan());

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text)
    {
        var words = new List<(int Offset, int Length)>();
        int wordStart = -1;
        for (int i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text[i..], out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar; // unreachable after normalisation, which drops lone surrogates
            }

            if (Rune.IsWhiteSpace(rune) || IsPunctuation(rune))
            {
                if (wordStart >= 0)
                {
                    words.Add((wordStart, i - wordStart));
                    wordStart = -1;
                }

                if (!Rune.IsWhiteSpace(rune))
                {
                    words.Add((i, consumed));
                }
            }
            else if (wordStart < 0)
            {
                wordStart = i;
            }

            i += consumed;
        }

        if (wordStart >= 0)
        {
            words.Add((wordStart, text.Length - wordStart));
        }

        return words;
    }

    private static bool IsPunctuation(Rune rune)
    {
        if (rune.IsAscii)
        {
            return rune.Value is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126);
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation;
    }
}
