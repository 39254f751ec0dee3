using System.Globalization;
using System.Text;

namespace Seed.Core.Tests.Encoding.Named;

/// <summary>
/// A second, deliberately plain implementation of uncased BERT tokenisation (basic tokenizer + greedy longest-match
/// WordPiece, as in Google's original tokenization.py), used only as the independent reference for the named
/// encoders' token ids. Enough for ASCII-ish sentences; not a production tokenizer.
/// </summary>
public sealed class ReferenceWordPiece
{
    private readonly Dictionary<string, int> _ids;

    public ReferenceWordPiece(Stream vocab)
    {
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = new StreamReader(vocab);
        int id = 0;
        while (reader.ReadLine() is { } token)
        {
            _ids.TryAdd(token, id++);
        }
    }

    public long[] Encode(string text, int maxTokens)
    {
        var pieces = new List<long> { _ids["[CLS]"] };
        foreach (string word in BasicTokens(text))
        {
            pieces.AddRange(WordPieces(word));
        }

        if (pieces.Count > maxTokens - 1)
        {
            pieces.RemoveRange(maxTokens - 1, pieces.Count - (maxTokens - 1));
        }

        pieces.Add(_ids["[SEP]"]);
        return [.. pieces];
    }

    private static IEnumerable<string> BasicTokens(string text)
    {
        string lowered = StripAccents(text.ToLowerInvariant());
        var word = new StringBuilder();
        foreach (char c in lowered)
        {
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                if (!char.IsWhiteSpace(c))
                {
                    yield return c.ToString();
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static string StripAccents(string text)
    {
        var kept = new StringBuilder();
        foreach (char c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    private List<long> WordPieces(string word)
    {
        var pieces = new List<long>();
        int start = 0;
        while (start < word.Length)
        {
            int end = word.Length;
            int? found = null;
            while (end > start)
            {
                string candidate = (start > 0 ? "##" : string.Empty) + word[start..end];
                if (_ids.TryGetValue(candidate, out int id))
                {
                    found = id;
                    break;
                }

                end--;
            }

            if (found is null)
            {
                return [_ids["[UNK]"]];
            }

            pieces.Add(found.Value);
            start = end;
        }

        return pieces;
    }
}
