using System.Globalization;

namespace Seed.LoadTest.Monitoring;

/// <summary>
/// A process's resident set size from Linux's <c>/proc/&lt;pid&gt;/status</c> (the <c>VmRSS:</c> line): what the
/// silo really holds in memory, managed heap, native allocations and code together, without asking the silo.
/// </summary>
public static class ProcessMemory
{
    /// <summary>The RSS in bytes, from the text of a <c>/proc/&lt;pid&gt;/status</c> file; null when it has no VmRSS line.</summary>
    public static long? ParseRssBytes(string statusText)
    {
        ArgumentNullException.ThrowIfNull(statusText);
        foreach (var line in statusText.Split('\n'))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                continue;
            }

            // "VmRSS:\t  123456 kB": the kernel always reports kibibytes.
            var fields = line["VmRSS:".Length..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return fields.Length == 2 && fields[1] == "kB" && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kibibytes)
                ? kibibytes * 1024
                : null;
        }

        return null;
    }

    /// <summary>The RSS of process <paramref name="pid"/> now; null once the process is gone or has no readable status.</summary>
    public static long? ReadRssBytes(int pid)
    {
        try
        {
            return ParseRssBytes(File.ReadAllText(StatusPath(pid)));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string StatusPath(int pid) => $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
}
