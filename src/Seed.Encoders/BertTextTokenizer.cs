using Microsoft.ML.Tokenizers;

namespace Seed.Encoders;

/// <summary>
/// BERT tokenisation with the ids Hugging Face's tokenizers library gives: its BertNormalizer and BertPreTokenizer
/// (re-implemented here, see <see cref="HuggingFaceBertNormalizer"/>) feeding the WordPiece model of
/// Microsoft.ML.Tokenizers. Adds [CLS]/[SEP] and truncates like Hugging Face: the first word pieces, then [SEP].
/// </summary>
/// <remarks>
/// Special-token text inside the input ("[SEP]") is tokenised as plain text, not turned into the control token,
/// so user or catalogue text cannot inject model control tokens. Thread-safe: after construction nothing mutates.
/// </remarks>
public sealed class BertTextTokenizer
{
    // Microsoft.ML.Tokenizers stops a bounded encode at a word boundary, so it may return fewer pieces than asked.
    // A word yields at most MaxInputCharsPerWord (100) pieces before it becomes [UNK]; asking for this many extra
    // pieces guarantees we still see more than the budget whenever the text really is longer.
    private const int WordBoundarySlack = 128;

    private readonly BertTokenizer _tokenizer;

    private BertTextTokenizer(BertTokenizer tokenizer)
    {
        _tokenizer = tokenizer;
    }

    /// <summary>Id of [CLS], put first.</summary>
    public int ClsId => _tokenizer.ClassificationTokenId;

    /// <summary>Id of [SEP], put last.</summary>
    public int SepId => _tokenizer.SeparatorTokenId;

    /// <summary>Id of [PAD], used to fill short rows of a batch.</summary>
    public int PadId => _tokenizer.PaddingTokenId;

    /// <summary>Loads a WordPiece vocabulary (one token per line, id = line number).</summary>
    /// <param name="vocabPath">Path of vocab.txt.</param>
    /// <param name="lowerCase">Lower-case and strip accents, as uncased BERT models expect.</param>
    public static BertTextTokenizer Load(string vocabPath, bool lowerCase)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vocabPath);
        if (!File.Exists(vocabPath))
        {
            throw new FileNotFoundException($"Vocabulary file '{vocabPath}' was not found.", vocabPath);
        }

        using FileStream vocab = File.OpenRead(vocabPath);
        return Load(vocab, lowerCase);
    }

    /// <summary>Loads a WordPiece vocabulary from a stream (an embedded resource); the stream is read, not kept.</summary>
    /// <param name="vocab">vocab.txt contents: one token per line, id = line number.</param>
    /// <param name="lowerCase">Lower-case and strip accents, as uncased BERT models expect.</param>
    public static BertTextTokenizer Load(Stream vocab, bool lowerCase)
    {
        ArgumentNullException.ThrowIfNull(vocab);
        // Hugging Face's BertNormalizer strips accents exactly when it lower-cases (strip_accents=None follows
        // lowercase), so cased models keep their accents.
        bool stripAccents = lowerCase;
        var options = new BertOptions
        {
            LowerCaseBeforeTokenization = lowerCase,
            ApplyBasicTokenization = true,
            IndividuallyTokenizeCjk = true,
            RemoveNonSpacingMarks = stripAccents,
            SplitOnSpecialTokens = false,
            Normalizer = new HuggingFaceBertNormalizer(lowerCase, stripAccents),
            PreTokenizer = HuggingFaceBertPreTokenizer.Instance,
        };
        return new BertTextTokenizer(BertTokenizer.Create(vocab, options));
    }

    /// <summary>
    /// Tokenises <paramref name="text"/> to [CLS] pieces... [SEP], keeping at most <paramref name="maxTokens"/> ids in all.
    /// Empty or whitespace-only text gives just [CLS][SEP].
    /// </summary>
    public TokenizedText Tokenize(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);

        int pieceBudget = maxTokens - 2;
        // Bounded encode: WordPiece stops after the pieces we can keep (normalisation still reads the whole text).
        int piecesToRequest = (int)Math.Min((long)pieceBudget + 1 + WordBoundarySlack, int.MaxValue);
        IReadOnlyList<int> pieces = _tokenizer.EncodeToIds(text, piecesToRequest, addSpecialTokens: false, out _, out _);

        bool truncated = pieces.Count > pieceBudget;
        int kept = truncated ? pieceBudget : pieces.Count;
        var inputIds = new long[kept + 2];
        inputIds[0] = ClsId;
        for (int i = 0; i < kept; i++)
        {
            inputIds[i + 1] = pieces[i];
        }

        inputIds[^1] = SepId;
        return new TokenizedText(inputIds, truncated);
    }
}
