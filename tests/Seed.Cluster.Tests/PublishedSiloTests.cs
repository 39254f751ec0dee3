using System.Diagnostics;
using System.Text.Json;
using Seed.Core;

namespace Seed.Cluster.Tests;

/// <summary>
/// The silo as an image or a service manager runs it: <c>dotnet publish</c> output started from an unrelated working
/// directory. It must find its settings, the learned interest model, the encoder and the demo data in the published
/// folder; serving the fallback tracker or failing to start there is the regression this guards against.
/// </summary>
public sealed class PublishedSiloTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "seed-publish-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_published_silo_started_from_another_folder_serves_the_learned_model_and_the_shipped_encoder()
    {
        var published = Path.Combine(_root, "app");
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;
        await PublishSiloAsync(published);

        using var silo = SeedProcess.StartPublishedSilo("published silo", published, elsewhere);
        await silo.WaitReadyAsync(TimeSpan.FromMinutes(5));
        using var client = new HttpClient { BaseAddress = silo.BaseAddress };
        using var health = JsonDocument.Parse(await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));

        var models = health.RootElement.GetProperty("models");
        Assert.Equal(Path.Combine(published, "models", "potion-base-4M-int8"), models.GetProperty("encoderModel").GetString());
        Assert.Equal("learned", models.GetProperty("interestModelMode").GetString());
        Assert.Contains(Path.Combine(published, "models", "interest-lstm"), models.GetProperty("interestModelDetail").GetString(), StringComparison.Ordinal);
        Assert.Equal(9742, health.RootElement.GetProperty("catalogItems").GetInt32());
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>Publishes the silo from the build these tests already made (same configuration, no rebuild).</summary>
    private static async Task PublishSiloAsync(string output)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var project = Path.Combine(RepositoryPaths.FindRepositoryRoot()!, "src", "Seed.Silo", "Seed.Silo.csproj");
        var info = new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "--no-build", "-o", output, "--nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var publish = Process.Start(info)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
        Assert.True(File.Exists(Path.Combine(output, ShippedPaths.InterestModel, "model.safetensors")), "the published silo lacks its interest model");
    }
}
