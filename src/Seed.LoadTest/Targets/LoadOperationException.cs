namespace Seed.LoadTest.Targets;

/// <summary>A failed operation with the kind it is counted under in the report (e.g. http-503).</summary>
public sealed class LoadOperationException : Exception
{
    public LoadOperationException(string kind, string message)
        : base(message) => Kind = kind;

    public LoadOperationException()
        : this("unknown", "unknown failure")
    {
    }

    public LoadOperationException(string message)
        : this("unknown", message)
    {
    }

    public LoadOperationException(string message, Exception innerException)
        : base(message, innerException) => Kind = "unknown";

    public string Kind { get; }
}
