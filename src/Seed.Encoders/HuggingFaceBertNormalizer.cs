using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace Seed.Encoders;

/// <summary>
/// The normalisation of Hugging Face's <c>BertNormalizer</c> (tokenizers, bert.rs), which BERT-family models and
/// Model2Vec were trained with, in its order: clean text, pad CJK ideographs, strip accents, lower-case.
/// </summary>
/// <remarks>
/// Replaces Microsoft.ML.Tokenizers 2.0.1's own BERT normaliser, which differs from Hugging Face in ways that change
/// ids on ordinary text: it deletes tab and newline instead of turning them into spaces ("hello\nworld" became
/// "hello ##world"), keeps format characters such as soft hyphen, also strips spacing marks (Mc, e.g. Devanagari
/// vowel signs) and recomposes with NFC afterwards (so Korean became [UNK]). Golden ids from the Hugging Face library
/// pin this down in the tests.
/// <para>Accent stripping decomposes with <see cref="string.Normalize(NormalizationForm)"/> (NFD), which needs ICU:
/// under InvariantGlobalization it returns the text unchanged and "Café" becomes [UNK]. Directory.Build.props keeps
/// InvariantGlobalization off, and the golden-id tests fail if it is ever turned back on.</para>
/// </remarks>
internal sealed class HuggingFaceBertNormalizer : Normalizer
{
    private readonly bool _lowerCase;
    private readonly bool _stripAccents;

    public HuggingFaceBertNormalizer(bool lowerCase, bool stripAccents)
    {
        _lowerCase = lowerCase;
        _stripAccents = stripAccents;
    }

    public override string Normalize(ReadOnlySpan<char> original) => Normalize(original.ToString());

    public override string Normalize(string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        string text = CleanAndPadCjk(original);
        if (_stripAccents)
        {
            // CleanAndPadCjk has already dropped lone surrogates and noncharacters such as U+FFFE (category Cs/Cn),
            // the input on which string.Normalize throws, so it cannot throw here.
            text = StripNonSpacingMarks(text.Normalize(NormalizationForm.FormD));
        }

        return _lowerCase ? LowerCase(text) : text;
    }

    /// <summary>Drops NUL, U+FFFD and every "Other" (C*) character except tab/CR/LF, maps whitespace to a space,
    /// and surrounds CJK ideographs with spaces so that each becomes its own word.</summary>
    private static string CleanAndPadCjk(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length;)
        {
            // A lone surrogate is category Cs ("Other") and is dropped like any other C* character.
            bool valid = Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int consumed) == System.Buffers.OperationStatus.Done;
            i += consumed;
            if (!valid || rune.Value is 0 or 0xFFFD)
            {
                continue;
            }

            if (rune.Value is '\t' or '\n' or '\r')
            {
                builder.Append(' ');
                continue;
            }

            if (IsOther(Rune.GetUnicodeCategory(rune)))
            {
                continue;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                builder.Append(' ');
            }
            else if (IsCjkIdeograph(rune.Value))
            {
                AppendRune(builder.Append(' '), rune).Append(' ');
            }
            else
            {
                AppendRune(builder, rune);
            }
        }

        return builder.ToString();
    }

    private static string StripNonSpacingMarks(string text)
    {
        // Non-spacing marks start at U+0300; most catalogue text has none and is returned without copying.
        if (text.AsSpan().IndexOfAnyInRange('\u0300', char.MaxValue) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (Rune rune in text.EnumerateRunes())
        {
            // Only Mn, as Hugging Face does; spacing marks (Mc) carry meaning in Indic scripts and stay.
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
            {
                AppendRune(builder, rune);
            }
        }

        return builder.ToString();
    }

    private static string LowerCase(string text)
    {
        if (System.Text.Ascii.IsValid(text))
        {
            return text.ToLowerInvariant();
        }

        var builder = new StringBuilder(text.Length);
        foreach (Rune rune in text.EnumerateRunes())
        {
            // U+0130 is the one character whose full lower-case mapping (used by Rust) is two characters; the simple
            // mapping .NET applies would give a bare "i". With accent stripping on it is decomposed before this point.
            if (rune.Value == 0x0130)
            {
                builder.Append("i\u0307");
            }
            else
            {
                AppendRune(builder, Rune.ToLowerInvariant(rune));
            }
        }

        return builder.ToString();
    }

    // Appends without the per-character string that Rune.ToString would allocate.
    private static StringBuilder AppendRune(StringBuilder builder, Rune rune)
    {
        Span<char> utf16 = stackalloc char[2];
        int length = rune.EncodeToUtf16(utf16);
        return builder.Append(utf16[..length]);
    }

    private static bool IsOther(UnicodeCategory category) => category is UnicodeCategory.Control
        or UnicodeCategory.Format
        or UnicodeCategory.Surrogate
        or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned;

    // The ranges of Hugging Face's is_chinese_char (CJK Unified Ideographs and extensions, compatibility ideographs).
    private static bool IsCjkIdeograph(int codePoint) => codePoint is
        (>= 0x4E00 and <= 0x9FFF)
        or (>= 0x3400 and <= 0x4DBF)
        or (>= 0x20000 and <= 0x2A6DF)
        or (>= 0x2A700 and <= 0x2B73F)
        or (>= 0x2B740 and <= 0x2B81F)
        or (>= 0x2B920 and <= 0x2CEAF)
        or (>= 0xF900 and <= 0xFAFF)
        or (>= 0x2F800 and <= 0x2FA1F);
}
