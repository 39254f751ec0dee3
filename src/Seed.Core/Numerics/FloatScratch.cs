using System.Buffers;

namespace Seed.Core.Numerics;

/// <summary>
/// A float buffer of a given length for one call: the caller's stack buffer when it is long enough, else an array
/// rented from the shared pool and returned on <see cref="Dispose"/>. The per-event maths needs a few hundred floats,
/// which belong on the stack; a model with very wide layers must not overflow it.
/// </summary>
internal ref struct FloatScratch
{
    /// <summary>
    /// The largest length callers put on the stack (32 KB); larger models rent from the pool instead of risking a stack
    /// overflow on thread-pool threads.
    /// </summary>
    public const int MaxStackFloats = 8192;

    private float[]? _rented;

    /// <param name="stackBuffer">The caller's stack buffer (empty when the length is over <see cref="MaxStackFloats"/>).</param>
    /// <param name="length">Floats needed.</param>
    public FloatScratch(Span<float> stackBuffer, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (stackBuffer.Length >= length)
        {
            Span = stackBuffer[..length];
        }
        else
        {
            _rented = ArrayPool<float>.Shared.Rent(length);
            Span = _rented.AsSpan(0, length);
        }
    }

    /// <summary>The buffer; its contents are undefined until written.</summary>
    public Span<float> Span { get; }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<float>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
