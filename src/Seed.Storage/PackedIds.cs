using System.Globalization;

namespace Seed.Storage;

/// <summary>
/// A list of ids as one string, each written as its length in decimal, a colon and the id ("2:e13:e10"), so any
/// character may occur in an id. User snapshots stored their idempotency window this way before it became fingerprints
/// (<see cref="EventIdWindow.ToRing"/>); activation still reads such snapshots, and <see cref="Pack"/> writes the
/// format they hold.
/// </summary>
public static class PackedIds
{
    private const char Separator = ':';

    public static string Pack(IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var length = 0;
        foreach (var id in ids)
        {
            ArgumentNullException.ThrowIfNull(id, nameof(ids));
            length = checked(length + DigitCount(id.Length) + 1 + id.Length);
        }

        return string.Create(length, ids, static (span, ids) =>
        {
            var at = 0;
            foreach (var id in ids)
            {
                if (!id.Length.TryFormat(span[at..], out var digits, provider: CultureInfo.InvariantCulture))
                {
                    throw new InvalidOperationException("The packed length was computed short.");
                }

                at += digits;
                span[at++] = Separator;
                id.CopyTo(span[at..]);
                at += id.Length;
            }
        });
    }

    /// <summary>The ids <see cref="Pack"/> wrote, in order. Throws <see cref="FormatException"/> for anything else.</summary>
    public static List<string> Unpack(string packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        var ids = new List<string>();
        var at = 0;
        while (at < packed.Length)
        {
            var separator = packed.IndexOf(Separator, at);
            if (separator <= at
                || !int.TryParse(packed.AsSpan(at, separator - at), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length > packed.Length - separator - 1)
            {
                throw new FormatException($"Packed ids are malformed at character {at}.");
            }

            ids.Add(packed.Substring(separator + 1, length));
            at = separator + 1 + length;
        }

        return ids;
    }

    /// <summary>Decimal digits of a length, counted exactly (a floating-point logarithm can land just below a power of ten).</summary>
    private static int DigitCount(int value)
    {
        var digits = 1;
        for (; value >= 10; value /= 10)
        {
            digits++;
        }

        return digits;
    }
}
