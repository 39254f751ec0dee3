namespace Seed.Encoders;

/// <summary>
/// Token ids of one text as fed to the model: [CLS], word pieces, [SEP].
/// Treat <see cref="InputIds"/> as read-only; the array is shared with the encoder, not copied.
/// </summary>
public sealed class TokenizedText
{
    /// <summary>Wraps already-tokenised ids (they must include the special tokens the model expects).</summary>
    public TokenizedText(long[] inputIds, bool truncated)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        if (inputIds.Length == 0)
        {
            throw new ArgumentException("A tokenised text needs at least one token ([CLS] and [SEP] for BERT models).", nameof(inputIds));
        }

        InputIds = inputIds;
        Truncated = truncated;
    }

    /// <summary>Ids including [CLS] first and [SEP] last.</summary>
    public long[] InputIds { get; }

    /// <summary>True when word pieces were dropped to respect the token limit.</summary>
    public bool Truncated { get; }

    /// <summary>Number of tokens, special tokens included.</summary>
    public int Length => InputIds.Length;
}
