namespace Seed.Abstractions.Events;

/// <summary>
/// The durable store (event log, item table) could not be reached, so nothing was acknowledged or changed. Callers
/// should retry with the same event ids; the REST API answers 503 with Retry-After.
/// </summary>
[GenerateSerializer, Alias("Seed.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
