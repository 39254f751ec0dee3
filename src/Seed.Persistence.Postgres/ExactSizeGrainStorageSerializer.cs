using Orleans.Serialization;
using Orleans.Storage;

namespace Seed.Persistence.Postgres;

/// <summary>
/// Grain state in Orleans' binary format, the same bytes as <see cref="OrleansGrainStorageSerializer"/>, written through
/// the serializer's pooled buffers into one array of the exact size.
/// </summary>
/// <remarks>
/// Orleans' own storage serializer writes into a fresh growing buffer: a user snapshot of 40 KB (most of it the
/// idempotency window, then stored as packed ids) left its buffer's 256 B to 32 KB predecessors behind, about as much
/// garbage again as the state, and in a single-event benchmark that growth was a sixth of everything the event path
/// allocated. Stored states stay readable by either, since the format is the same.
/// </remarks>
public sealed class ExactSizeGrainStorageSerializer(Serializer serializer) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(serializer.SerializeToArray(input));

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return serializer.Deserialize<T>(input.ToMemory());
    }
}
