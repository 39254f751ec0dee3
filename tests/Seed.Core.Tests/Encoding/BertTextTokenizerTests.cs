using Seed.Encoders;

namespace Seed.Core.Tests.Encoding;

public sealed class BertTextTokenizerTests
{
    private static readonly BertTextTokenizer Tokenizer =
        BertTextTokenizer.Load(Path.Combine(TestPaths.ModelDirectory, "vocab.txt"), lowerCase: true);

    /// <summary>All word pieces, untruncated (a limit no text reaches), without [CLS]/[SEP].</summary>
    private static long[] WordPieces(string text) => Tokenizer.Tokenize(text, int.MaxValue).InputIds[1..^1];

    [Fact]
    public void Special_token_ids_match_this_vocabulary()
    {
        Assert.Equal(2, Tokenizer.ClsId);
        Assert.Equal(3, Tokenizer.SepId);
        Assert.Equal(0, Tokenizer.PadId);
    }

    [Fact]
    public void Text_is_wrapped_in_cls_and_sep()
    {
        TokenizedText tokens = Tokenizer.Tokenize("Hello, World!", maxTokens: 256);

        Assert.Equal([2L, 6598, 16, 1094, 5, 3], tokens.InputIds);
        Assert.False(tokens.Truncated);
        Assert.Equal(6, tokens.Length);
    }

    [Fact]
    public void Lower_casing_and_accent_stripping_make_cafe_variants_equal()
    {
        long[] plain = Tokenizer.Tokenize("cafe", 256).InputIds;

        Assert.Equal(plain, Tokenizer.Tokenize("Café", 256).InputIds);
        Assert.Equal(plain, Tokenizer.Tokenize("CAFÉ", 256).InputIds);
        Assert.Equal(3, plain.Length);
    }

    [Fact]
    public void Lone_surrogates_and_noncharacters_are_dropped_before_accent_stripping()
    {
        // string.Normalize throws on exactly these (U+FFFE, unpaired surrogates); they must be gone before NFD runs.
        // Rust strings cannot hold lone surrogates, so there is no Hugging Face golden for this input.
        long[] plain = Tokenizer.Tokenize("café", 256).InputIds;

        Assert.Equal(plain, Tokenizer.Tokenize("ca\uFFFEf\uD800É\uFFFF\uDC00", 256).InputIds);
    }

    public static TheoryData<int> GoldenCaseIndices() => new(Enumerable.Range(0, HuggingFaceGoldenIds.Cases.Length));

    [Theory]
    [MemberData(nameof(GoldenCaseIndices))]
    public void Gives_the_ids_of_the_hugging_face_tokenizer(int caseIndex)
    {
        (string text, int[] ids) = HuggingFaceGoldenIds.Cases[caseIndex];
        long[] expected = [2, .. ids.Select(id => (long)id), 3];

        Assert.Equal(expected, Tokenizer.Tokenize(text, 512).InputIds);
    }

    [Fact]
    public void Special_token_text_in_the_input_stays_plain_text()
    {
        // Deliberate difference from Hugging Face, which would emit ids 2, 3 and 4 here: data must not inject control tokens.
        long[] ids = Tokenizer.Tokenize("[CLS] literal [SEP] and [MASK]", 256).InputIds;

        Assert.DoesNotContain(ids[1..^1], id => id < 5);
        Assert.Equal(Tokenizer.Tokenize("[", 256).InputIds[1], ids[1]);
    }

    [Fact]
    public void Empty_and_whitespace_text_give_only_special_tokens()
    {
        Assert.Equal([2L, 3], Tokenizer.Tokenize(string.Empty, 256).InputIds);
        Assert.Equal([2L, 3], Tokenizer.Tokenize(" \t\n ", 256).InputIds);
    }

    [Fact]
    public void Truncation_keeps_the_first_pieces_and_sep_last()
    {
        string text = SampleTexts.Long(50);
        long[] allPieces = WordPieces(text);
        Assert.True(allPieces.Length > 10);

        TokenizedText tokens = Tokenizer.Tokenize(text, maxTokens: 10);

        Assert.True(tokens.Truncated);
        Assert.Equal(10, tokens.Length);
        Assert.Equal(2, tokens.InputIds[0]);
        Assert.Equal(3, tokens.InputIds[^1]);
        Assert.Equal(allPieces.Take(8), tokens.InputIds[1..^1]);
    }

    [Fact]
    public void Truncation_matches_the_full_encoding_prefix_for_every_limit()
    {
        // Long words split into many pieces and CJK splits per character: the cases where a bounded encode that
        // stops at word boundaries could drop pieces that should have been kept.
        string text = string.Join(' ', Enumerable.Repeat("antidisestablishmentarianism 日本語 supercalifragilistic, x", 30));
        long[] allPieces = WordPieces(text);

        for (int maxTokens = 2; maxTokens <= allPieces.Length + 3; maxTokens++)
        {
            TokenizedText tokens = Tokenizer.Tokenize(text, maxTokens);
            int kept = Math.Min(allPieces.Length, maxTokens - 2);

            Assert.Equal(allPieces.Length > maxTokens - 2, tokens.Truncated);
            Assert.Equal(kept + 2, tokens.Length);
            Assert.Equal(3, tokens.InputIds[^1]);
            Assert.Equal(allPieces.Take(kept), tokens.InputIds[1..^1]);
        }
    }

    [Fact]
    public void Text_that_exactly_fits_is_not_marked_truncated()
    {
        TokenizedText exact = Tokenizer.Tokenize("Hello, World!", maxTokens: 6);
        TokenizedText oneShort = Tokenizer.Tokenize("Hello, World!", maxTokens: 5);

        Assert.False(exact.Truncated);
        Assert.Equal(6, exact.Length);
        Assert.True(oneShort.Truncated);
        Assert.Equal([2L, 6598, 16, 1094, 3], oneShort.InputIds);
    }

    [Fact]
    public void A_limit_below_two_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Tokenize("hello", 1));
    }

    [Fact]
    public void A_missing_vocabulary_names_the_file()
    {
        string missing = Path.Combine(TestPaths.ModelDirectory, "no-such-vocab.txt");

        FileNotFoundException error = Assert.Throws<FileNotFoundException>(() => BertTextTokenizer.Load(missing, lowerCase: true));

        Assert.Contains("no-such-vocab.txt", error.Message, StringComparison.Ordinal);
    }
}
