namespace Seed.Abstractions.Events;

/// <summary>
/// An event batch refers to items the catalog does not hold; nothing of the batch was applied or logged. Carries the
/// unknown ids so a caller (the REST API) can name each offending event without asking the catalog again.
/// </summary>
[GenerateSerializer, Alias("Seed.UnknownItemsException")]
public sealed class UnknownItemsException : ArgumentException
{
    public UnknownItemsException()
    {
    }

    public UnknownItemsException(string message)
        : base(message)
    {
    }

    public UnknownItemsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnknownItemsException(IReadOnlyList<string> itemIds, string message)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ItemIds = itemIds;
    }

    /// <summary>The ids the catalog does not hold, each once.</summary>
    [Id(0)]
    public IReadOnlyList<string> ItemIds { get; init; } = [];
}
