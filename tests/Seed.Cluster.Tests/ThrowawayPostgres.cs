using System.Diagnostics;
using System.Globalization;

namespace Seed.Cluster.Tests;

/// <summary>
/// A private PostgreSQL server (initdb into a temp folder, pg_ctl on a free loopback port) that a test may stop and
/// start at will without disturbing the shared server. As root it runs the binaries as the postgres user, since
/// PostgreSQL refuses to run as root.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;

    private ThrowawayPostgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    public string ServerConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed here.</summary>
    public static string? FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(version => Path.Combine(version, "bin"))
                : []);
        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
    }

    public static async Task<ThrowawayPostgres> StartAsync(string bin)
    {
        var root = Path.Combine(Path.GetTempPath(), "seed-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres", root]);
        }

        var server = new ThrowawayPostgres(bin, root, SeedProcess.FreePort());
        await server.AsPostgresAsync("initdb", ["-D", server.DataDirectory, "-A", "trust", "-U", "postgres", "--no-sync"]);
        await server.StartServerAsync();
        return server;
    }

    public Task StartServerAsync() => AsPostgresAsync("pg_ctl",
        ["-D", DataDirectory, "-w", "-l", Path.Combine(_root, "server.log"),
         "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 -k {_root}", "start"]);

    /// <summary>Immediate shutdown: connections are cut as in a crash (recovery replays WAL on the next start).</summary>
    public Task StopImmediateAsync() => AsPostgresAsync("pg_ctl", ["-D", DataDirectory, "-w", "-m", "immediate", "stop"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopImmediateAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_root, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task AsPostgresAsync(string tool, string[] args) => IsRoot
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
        : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stdout}{await stderr}");
        }
    }
}
