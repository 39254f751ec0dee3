namespace Seed.Encoders;

/// <summary>One distinct text waiting for (or going through) inference in <see cref="MicroBatchingEncoder"/>;
/// every caller asking for the same text meanwhile awaits the same <see cref="Completion"/>.</summary>
internal sealed class PendingEncoding(string text, TokenizedText tokens)
{
    public string Text { get; } = text;

    public TokenizedText Tokens { get; } = tokens;

    // Continuations run asynchronously so that completing a batch never runs callers' code on the batch loop.
    public TaskCompletionSource<float[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
