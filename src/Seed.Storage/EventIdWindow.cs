using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Seed.Storage;

/// <summary>
/// The last <see cref="Capacity"/> distinct event ids, oldest evicted first: a user's idempotency window. It keeps each
/// id's 128-bit fingerprint (XxHash128 of its UTF-16 code units), not the id: a ring of fingerprints for the eviction
/// order and, past a handful of them, a set for the lookups, so remembering an id costs O(1) however large the window.
/// </summary>
/// <remarks>
/// <para>
/// Why fingerprints: a snapshot of the volatile log's configuration carries the window, and packing 4,096 strings into
/// one (then serializing and copying it, a large-object-heap string) was a fifth of the single-event path's CPU;
/// the fingerprints go out as one byte array copied from the ring (<see cref="ToBytes"/>). They also take 16 bytes
/// an id where the strings took their own objects plus the references. Two different ids share a fingerprint with
/// probability 2^-128 per pair, about 10^-35 per event against a full 4,096-id window: no event is ever refused
/// as a repeat it is not.
/// </para>
/// <para>
/// Sized by what it holds, not by <see cref="Capacity"/>: the ring grows by doubling and the set exists only past
/// <see cref="LinearScanLimit"/> ids. Most users send few events, and a million of them each preallocating a
/// 4,096-id window (or even an empty set and queue) would be most of a user activation's memory.
/// </para>
/// </remarks>
public sealed class EventIdWindow
{
    /// <summary>Bytes of one fingerprint in <see cref="ToBytes"/>.</summary>
    public const int FingerprintSize = 16;

    /// <summary>Up to this many ids a scan of the ring is as quick as hashing, and needs no set.</summary>
    private const int LinearScanLimit = 8;

    private UInt128[] _ring = [];
    private int _oldest;
    private HashSet<UInt128>? _fingerprints;

    public EventIdWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>The fingerprint the window keeps for <paramref name="eventId"/>; the same on every platform and run.</summary>
    public static UInt128 Fingerprint(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        // UTF-16 little-endian code units: the string's own memory on every platform .NET servers run on.
        return BitConverter.IsLittleEndian
            ? XxHash128.HashToUInt128(MemoryMarshal.AsBytes(eventId.AsSpan()))
            : XxHash128.HashToUInt128(Encoding.Unicode.GetBytes(eventId));
    }

    public bool Contains(string eventId) => Contains(Fingerprint(eventId));

    /// <summary>Remembers <paramref name="eventId"/>; false (and nothing changes) when the window already holds it.</summary>
    public bool Add(string eventId) => Add(Fingerprint(eventId));

    /// <summary>
    /// The fingerprints held, oldest first, <see cref="FingerprintSize"/> little-endian bytes each: what a snapshot
    /// stores to rebuild the window with <see cref="AddFrom"/>.
    /// </summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Count * FingerprintSize];
        for (var i = 0; i < Count; i++)
        {
            BinaryPrimitives.WriteUInt128LittleEndian(bytes.AsSpan(i * FingerprintSize), _ring[(_oldest + i) % _ring.Length]);
        }

        return bytes;
    }

    /// <summary>
    /// Remembers the fingerprints <see cref="ToBytes"/> wrote, in their order (past <see cref="Capacity"/> the oldest
    /// go first, as if their ids had arrived again). Throws <see cref="FormatException"/> when the length is not a
    /// whole number of fingerprints.
    /// </summary>
    public void AddFrom(ReadOnlySpan<byte> fingerprints)
    {
        if (fingerprints.Length % FingerprintSize != 0)
        {
            throw new FormatException($"An event id window holds {FingerprintSize}-byte fingerprints; {fingerprints.Length} bytes is not a whole number of them.");
        }

        for (var at = 0; at < fingerprints.Length; at += FingerprintSize)
        {
            Add(BinaryPrimitives.ReadUInt128LittleEndian(fingerprints[at..]));
        }
    }

    private bool Contains(UInt128 fingerprint)
    {
        if (_fingerprints is not null)
        {
            return _fingerprints.Contains(fingerprint);
        }

        for (var i = 0; i < Count; i++)
        {
            if (_ring[(_oldest + i) % _ring.Length] == fingerprint)
            {
                return true;
            }
        }

        return false;
    }

    private bool Add(UInt128 fingerprint)
    {
        if (Contains(fingerprint))
        {
            return false;
        }

        if (Count == Capacity)
        {
            // Full: the newest id takes the oldest one's slot.
            _fingerprints?.Remove(_ring[_oldest]);
            _ring[_oldest] = fingerprint;
            _oldest = (_oldest + 1) % _ring.Length;
            _fingerprints?.Add(fingerprint);
            return true;
        }

        if (Count == _ring.Length)
        {
            Grow();
        }

        _ring[(_oldest + Count) % _ring.Length] = fingerprint;
        Count++;
        if (_fingerprints is not null)
        {
            _fingerprints.Add(fingerprint);
        }
        else if (Count > LinearScanLimit)
        {
            // Not full yet, so the ring has not wrapped: its first Count slots are the ids.
            _fingerprints = new HashSet<UInt128>(Count * 2);
            foreach (var held in _ring.AsSpan(0, Count))
            {
                _fingerprints.Add(held);
            }
        }

        return true;
    }

    private void Grow()
    {
        var larger = new UInt128[Math.Min(Capacity, Math.Max(1, _ring.Length * 2))];
        for (var i = 0; i < Count; i++)
        {
            larger[i] = _ring[(_oldest + i) % _ring.Length];
        }

        _ring = larger;
        _oldest = 0;
    }
}
