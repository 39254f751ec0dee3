using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one symbol-version requirement of an ELF64 shared library weak (VER_FLG_WEAK in its .gnu.version_r entry),
/// so that the dynamic loader accepts a system library that lacks that version instead of refusing to load the file.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's libLibTorchSharp.so requires GLIBCXX_3.4.32 (libstdc++ of GCC 13) for one symbol only,
/// std::ios_base_library_init(), which GCC 13's &lt;iostream&gt; references to pull in the library's stream
/// initialisation. Nothing calls it (the library has no relocation against it), so the requirement is the only thing
/// that stops the file loading on Debian 12's libstdc++ (GLIBCXX_3.4.30): made weak, a missing version is ignored by
/// glibc's loader, and where the version exists nothing changes. The edit is two bytes in place, done here in managed
/// code so that the build needs no patchelf, binutils or compiler; it is idempotent.
/// </remarks>
public sealed class WeakenElfVersionRequirement : Task
{
    private const uint SectionTypeVersionNeeds = 0x6ffffffe; // SHT_GNU_verneed
    private const ushort WeakVersionFlag = 0x2; // VER_FLG_WEAK

    /// <summary>The shared library to edit in place.</summary>
    [Required]
    public string LibraryPath { get; set; } = "";

    /// <summary>The version requirement to mark weak, for example GLIBCXX_3.4.32.</summary>
    [Required]
    public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        try
        {
            byte[] image = File.ReadAllBytes(LibraryPath);
            switch (MarkWeak(image))
            {
                case Outcome.Changed:
                    File.WriteAllBytes(LibraryPath, image);
                    Log.LogMessage(MessageImportance.Normal, $"{LibraryPath}: version requirement {VersionName} marked weak");
                    break;
                case Outcome.AlreadyWeak:
                    break;
                case Outcome.NotRequired:
                    Log.LogMessage(MessageImportance.Low, $"{LibraryPath}: no requirement on {VersionName}");
                    break;
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Log.LogError($"Cannot mark {VersionName} weak in {LibraryPath}: {exception.Message}");
            return false;
        }
    }

    private enum Outcome
    {
        Changed,
        AlreadyWeak,
        NotRequired,
    }

    private Outcome MarkWeak(byte[] image)
    {
        // ELF64, little-endian: the only layout TorchSharp ships for linux-x64.
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F'
            || image[4] != 2 || image[5] != 1)
        {
            throw new InvalidDataException("not a little-endian ELF64 file");
        }

        ulong sectionHeadersOffset = ReadUInt64(image, 0x28);
        int sectionHeaderSize = ReadUInt16(image, 0x3A);
        int sectionCount = ReadUInt16(image, 0x3C);
        for (int index = 0; index < sectionCount; index++)
        {
            int header = checked((int)sectionHeadersOffset + index * sectionHeaderSize);
            if (ReadUInt32(image, header + 4) != SectionTypeVersionNeeds)
            {
                continue;
            }

            int needsOffset = checked((int)ReadUInt64(image, header + 0x18));
            int needsCount = checked((int)ReadUInt32(image, header + 0x2C)); // sh_info: number of Elf64_Verneed entries
            int stringSectionHeader = checked((int)sectionHeadersOffset + (int)ReadUInt32(image, header + 0x28) * sectionHeaderSize);
            int stringsOffset = checked((int)ReadUInt64(image, stringSectionHeader + 0x18));
            return MarkWeakInNeeds(image, needsOffset, needsCount, stringsOffset);
        }

        return Outcome.NotRequired;
    }

    private Outcome MarkWeakInNeeds(byte[] image, int needsOffset, int needsCount, int stringsOffset)
    {
        // Elf64_Verneed: vn_version (2), vn_cnt (2), vn_file (4), vn_aux (4), vn_next (4).
        // Elf64_Vernaux: vna_hash (4), vna_flags (2), vna_other (2), vna_name (4), vna_next (4).
        int need = needsOffset;
        for (int needIndex = 0; needIndex < needsCount; needIndex++)
        {
            int auxCount = ReadUInt16(image, need + 2);
            int aux = need + (int)ReadUInt32(image, need + 8);
            for (int auxIndex = 0; auxIndex < auxCount; auxIndex++)
            {
                if (ReadString(image, stringsOffset + (int)ReadUInt32(image, aux + 8)) == VersionName)
                {
                    ushort flags = ReadUInt16(image, aux + 4);
                    if ((flags & WeakVersionFlag) != 0)
                    {
                        return Outcome.AlreadyWeak;
                    }

                    WriteUInt16(image, aux + 4, (ushort)(flags | WeakVersionFlag));
                    return Outcome.Changed;
                }

                aux += (int)ReadUInt32(image, aux + 12);
            }

            need += (int)ReadUInt32(image, need + 12);
        }

        return Outcome.NotRequired;
    }

    private static ushort ReadUInt16(byte[] image, int offset) => BitConverter.ToUInt16(image, offset);

    private static uint ReadUInt32(byte[] image, int offset) => BitConverter.ToUInt32(image, offset);

    private static ulong ReadUInt64(byte[] image, int offset) => BitConverter.ToUInt64(image, offset);

    private static void WriteUInt16(byte[] image, int offset, ushort value)
    {
        image[offset] = (byte)value;
        image[offset + 1] = (byte)(value >> 8);
    }

    private static string ReadString(byte[] image, int offset)
    {
        int end = Array.IndexOf(image, (byte)0, offset);
        return Encoding.ASCII.GetString(image, offset, (end < 0 ? image.Length : end) - offset);
    }
}
