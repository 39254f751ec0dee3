using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Seed.Core;

namespace Seed.Cluster.Tests;

/// <summary>A Seed host (silo or web) running as its own OS process on loopback, with its output kept for diagnostics.</summary>
public sealed class SeedProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SeedProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a silo (co-hosted API) in the Production environment against <paramref name="connectionString"/>.</summary>
    public static SeedProcess StartSilo(string name, string clusterId, string? connectionString, params string[] extraArgs)
    {
        var http = FreePort();
        string[] args =
        [
            .. SiloEndpointArgs(http, clusterId),
            "--Seed:DemoCatalog:Enabled=false",
            $"--Seed:Encoder:Model={RepositoryPaths.Resolve(ShippedPaths.Encoder)}",
            .. extraArgs,
        ];
        var assembly = ClusterTestEnvironment.HostAssembly("Seed.Silo");
        return Start(name, assembly, Path.GetDirectoryName(assembly)!, http, connectionString, args);
    }

    /// <summary>
    /// Starts a published silo (<c>dotnet Seed.Silo.dll</c> from <paramref name="publishFolder"/>) from
    /// <paramref name="workingDirectory"/>, as a container or service manager does: the embedded default
    /// (Development) with only its endpoints set, so models, data and settings must come from the published folder.
    /// </summary>
    public static SeedProcess StartPublishedSilo(string name, string publishFolder, string workingDirectory)
    {
        var http = FreePort();
        string[] args = [.. SiloEndpointArgs(http, "published-" + Guid.NewGuid().ToString("N")[..8])];
        return Start(name, Path.Combine(publishFolder, "Seed.Silo.dll"), workingDirectory, http, connectionString: null, args);
    }

    private static string[] SiloEndpointArgs(int httpPort, string clusterId)
    {
        var silo = FreePort();
        return
        [
            "--urls", $"http://127.0.0.1:{httpPort}",
            $"--Orleans:ClusterId={clusterId}",
            $"--Orleans:Endpoints:SiloPort={silo}",
            $"--Orleans:Endpoints:GatewayPort={FreePort()}",
            $"--Orleans:Clustering:PrimarySiloEndPoint=127.0.0.1:{silo}",
        ];
    }

    /// <summary>Starts the web front (Orleans client) that finds gateways through the PostgreSQL membership table.</summary>
    public static SeedProcess StartWeb(string name, string clusterId, string connectionString)
    {
        var http = FreePort();
        var assembly = ClusterTestEnvironment.HostAssembly("Seed.Web");
        return Start(name, assembly, Path.GetDirectoryName(assembly)!, http, connectionString, ["--urls", $"http://127.0.0.1:{http}", $"--Orleans:ClusterId={clusterId}"]);
    }

    private static SeedProcess Start(string name, string assembly, string workingDirectory, int httpPort, string? connectionString, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(assembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Production = the PostgreSQL configuration in appsettings.Production.json; a null connection string
        // means the embedded in-memory defaults (Development environment).
        info.Environment["ASPNETCORE_ENVIRONMENT"] = connectionString is null ? "Development" : "Production";
        if (connectionString is not null)
        {
            info.Environment["ConnectionStrings__seed"] = connectionString;
        }

        // These tests are about durability, not access: the API is open and unthrottled unless a test passes
        // Seed:Auth and Seed:RateLimits settings on the command line, which take precedence over these.
        info.Environment["Seed__Auth__Enabled"] = "false";
        info.Environment["Seed__RateLimits__Enabled"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Polly"] = "Warning";
        info.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = info };
        var started = new SeedProcess(name, process, new Uri($"http://127.0.0.1:{httpPort}"));
        process.OutputDataReceived += (_, e) => started.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits until /healthz answers 200 (the host is up and reaches the cluster).</summary>
    public Task WaitHealthyAsync(TimeSpan timeout) => WaitForOkAsync("/healthz", "healthy", timeout);

    /// <summary>Waits until /readyz answers 200 (models loaded, start-up work such as the demo catalog done).</summary>
    public Task WaitReadyAsync(TimeSpan timeout) => WaitForOkAsync("/readyz", "ready", timeout);

    private async Task WaitForOkAsync(string path, string state, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Tail()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{Name} not {state} after {timeout}:\n{Tail()}");
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crashed machine.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM: graceful shutdown (grains deactivate and write their snapshots).</summary>
    public async Task StopGracefullyAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public string Tail(int lines = 40) => string.Join('\n', _output.TakeLast(lines));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400)
        {
            _output.TryDequeue(out _);
        }
    }
}
