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
/// one (then serializing and copying it, a large-object-heap string) took an eighth of the CPU of a loop of single
/// events; the fingerprints go out as the ring's own bytes (<see cref="ToRing"/>). They also take 16 bytes
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
    /// <summary>Bytes of one fingerprint in <see cref="ToRing"/>.</summary>
    public const int FingerprintSize = 16;

    /// <summary>Up to this many ids a scan of the ring is as quick as hashing, and needs no set.</summary>
    private const int LinearScanLimit = 8;

    /// <summary>Slots of <see cref="FingerprintSize"/> little-endian bytes: the form a snapshot stores, so a full window's ring goes out as it is.</summary>
    private byte[] _ring = [];
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

    private int Slots => _ring.Length / FingerprintSize;

    /// <summary>
    /// The fingerprints held, <see cref="FingerprintSize"/> little-endian bytes each, as a ring whose oldest
    /// fingerprint is at slot <c>Oldest</c>: what a snapshot stores to rebuild the window with <see cref="AddFrom"/>.
    /// A full window hands out its own ring, no copy (a snapshot of a 4,096-id window would otherwise copy 64 KB
    /// more); the bytes are then valid only until the window next changes, which a snapshot write never overlaps.
    /// </summary>
    public (byte[] Fingerprints, int Oldest) ToRing()
    {
        if (Count == Slots)
        {
            return (_ring, _oldest);
        }

        var bytes = new byte[Count * FingerprintSize];
        for (var i = 0; i < Count; i++)
        {
            SlotBytes(i).CopyTo(bytes.AsSpan(i * FingerprintSize));
        }

        return (bytes, 0);
    }

    /// <summary>
    /// Remembers the fingerprints <see cref="ToRing"/> gave, oldest (slot <paramref name="oldest"/>) first (past
    /// <see cref="Capacity"/> the oldest go first, as if their ids had arrived again). Throws
    /// <see cref="FormatException"/> when the bytes are not whole fingerprints or the oldest slot is not among them.
    /// </summary>
    public void AddFrom(ReadOnlySpan<byte> fingerprints, int oldest)
    {
        if (fingerprints.Length % FingerprintSize != 0)
        {
            throw new FormatException($"An event id window holds {FingerprintSize}-byte fingerprints; {fingerprints.Length} bytes is not a whole number of them.");
        }

        var slots = fingerprints.Length / FingerprintSize;
        if (oldest < 0 || (oldest >= slots && !(oldest == 0 && slots == 0)))
        {
            throw new FormatException($"The oldest of {slots} event id fingerprints cannot be at slot {oldest}.");
        }

        for (var i = 0; i < slots; i++)
        {
            Add(BinaryPrimitives.ReadUInt128LittleEndian(fingerprints[(((oldest + i) % slots) * FingerprintSize)..]));
        }
    }

    /// <summary>The bytes of the <paramref name="index"/>-th oldest fingerprint held.</summary>
    private Span<byte> SlotBytes(int index) => _ring.AsSpan((_oldest + index) % Slots * FingerprintSize, FingerprintSize);

    private UInt128 Slot(int index) => BinaryPrimitives.ReadUInt128LittleEndian(SlotBytes(index));

    private bool Contains(UInt128 fingerprint)
    {
        if (_fingerprints is not null)
        {
            return _fingerprints.Contains(fingerprint);
        }

        for (var i = 0; i < Count; i++)
        {
            if (Slot(i) == fingerprint)
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
            _fingerprints?.Remove(Slot(0));
            BinaryPrimitives.WriteUInt128LittleEndian(SlotBytes(0), fingerprint);
            _oldest = (_oldest + 1) % Slots;
            _fingerprints?.Add(fingerprint);
            return true;
        }

        if (Count == Slots)
        {
            Grow();
        }

        Count++;
        BinaryPrimitives.WriteUInt128LittleEndian(SlotBytes(Count - 1), fingerprint);
        if (_fingerprints is not null)
        {
            _fingerprints.Add(fingerprint);
        }
        else if (Count > LinearScanLimit)
        {
            // Not full yet, so the ring has not wrapped: its first Count slots are the ids.
            _fingerprints = new HashSet<UInt128>(Count * 2);
            for (var i = 0; i < Count; i++)
            {
                _fingerprints.Add(Slot(i));
            }
        }

        return true;
    }

    private void Grow()
    {
        var larger = new byte[Math.Min(Capacity, Math.Max(1, Slots * 2)) * FingerprintSize];
        for (var i = 0; i < Count; i++)
        {
            SlotBytes(i).CopyTo(larger.AsSpan(i * FingerprintSize));
        }

        _ring = larger;
        _oldest = 0;
    }
}
