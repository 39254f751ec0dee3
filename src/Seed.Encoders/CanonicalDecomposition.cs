using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Seed.Encoders;

/// <summary>
/// Managed Unicode canonical decomposition (NFD without canonical re-ordering), so that BERT accent stripping works
/// even when .NET runs with InvariantGlobalization, where <see cref="string.Normalize(NormalizationForm)"/> has no
/// ICU data and returns the text unchanged ("Café" would then become [UNK] instead of "cafe").
/// </summary>
/// <remarks>
/// Re-ordering of combining marks is skipped on purpose: the tokenizer deletes non-spacing marks right after
/// decomposing, so their order never reaches the model.
/// </remarks>
internal static class CanonicalDecomposition
{
    // The first code point with a canonical decomposition is U+00C0; text below it (ASCII and most Latin-1) is returned as is.
    private const char FirstDecomposable = '\u00C0';

    // Hangul syllables decompose by arithmetic (Unicode chapter 3.12) rather than by table.
    private const int HangulSyllableBase = 0xAC00;
    private const int HangulLeadingBase = 0x1100;
    private const int HangulVowelBase = 0x1161;
    private const int HangulTrailingBase = 0x11A7;
    private const int HangulVowelCount = 21;
    private const int HangulTrailingCount = 28;
    private const int HangulSyllableCount = 11172;

    private static readonly Lazy<FrozenDictionary<int, string>> Table = new(ParseTable);

    /// <summary>Returns <paramref name="text"/> with every precomposed character replaced by its canonical decomposition.</summary>
    public static string Decompose(string text)
    {
        int firstCandidate = text.AsSpan().IndexOfAnyInRange(FirstDecomposable, char.MaxValue);
        if (firstCandidate < 0)
        {
            return text;
        }

        FrozenDictionary<int, string> table = Table.Value;
        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, firstCandidate);
        for (int i = firstCandidate; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                // A lone surrogate has no decomposition; keep it for the tokenizer to deal with as before.
                builder.Append(text[i]);
                i++;
                continue;
            }

            int offset = rune.Value - HangulSyllableBase;
            if (offset is >= 0 and < HangulSyllableCount)
            {
                builder.Append((char)(HangulLeadingBase + (offset / (HangulVowelCount * HangulTrailingCount))));
                builder.Append((char)(HangulVowelBase + (offset % (HangulVowelCount * HangulTrailingCount) / HangulTrailingCount)));
                if (offset % HangulTrailingCount != 0)
                {
                    builder.Append((char)(HangulTrailingBase + (offset % HangulTrailingCount)));
                }
            }
            else if (table.TryGetValue(rune.Value, out string? decomposed))
            {
                builder.Append(decomposed);
            }
            else
            {
                builder.Append(text, i, consumed);
            }

            i += consumed;
        }

        return builder.ToString();
    }

    private static FrozenDictionary<int, string> ParseTable()
    {
        var table = new Dictionary<int, string>();
        foreach (string entry in CanonicalDecompositionData.Entries.Split([';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] codePoints = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var decomposed = new StringBuilder(codePoints.Length * 2);
            for (int i = 1; i < codePoints.Length; i++)
            {
                decomposed.Append(char.ConvertFromUtf32(int.Parse(codePoints[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }

            table.Add(int.Parse(codePoints[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture), decomposed.ToString());
        }

        return table.ToFrozenDictionary();
    }
}
