using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Seed.Api.Tests;

/// <summary>
/// <c>POST /v1/admin/model/reload</c> refusing folders: 422 naming the problem with the running model kept, 400 for a
/// malformed request. (Swapping in a good model is tested on a cluster of its own, Seed.Grains.Tests'
/// ModelReloadClusterTests, so this shared host keeps its model.)
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AdminModelReloadTests(SeedApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_folder_that_does_not_load_gets_422_naming_the_problem_and_the_running_model_stays()
    {
        var before = await ModelVersionAsync();
        var folder = Path.Combine(Path.GetTempPath(), "seed-truncated-model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var shipped = Seed.Core.RepositoryPaths.Resolve("models/interest-lstm");
            File.Copy(Path.Combine(shipped, "config.json"), Path.Combine(folder, "config.json"));
            var weights = await File.ReadAllBytesAsync(Path.Combine(shipped, "model.safetensors"));
            await File.WriteAllBytesAsync(Path.Combine(folder, "model.safetensors"), weights[..(weights.Length / 2)]);

            using var response = await _client.PostAsJsonAsync("/v1/admin/model/reload", new { path = folder });

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var detail = problem.RootElement.GetProperty("detail").GetString()!;
            Assert.Contains("model.safetensors", detail, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', detail);
            Assert.Equal(before, problem.RootElement.GetProperty("runningVersion").GetString());
            Assert.Equal(before, await ModelVersionAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_folder_gets_422()
    {
        using var response = await _client.PostAsJsonAsync("/v1/admin/model/reload", new { path = "/no/such/model/folder" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("does not exist", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"path\": \"  \"}", "path")]
    [InlineData("{\"path\": 3}", "path")]
    public async Task A_malformed_request_gets_400(string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/v1/admin/model/reload", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    private async Task<string> ModelVersionAsync()
    {
        using var health = JsonDocument.Parse(await _client.GetStringAsync("/healthz"));
        var version = health.RootElement.GetProperty("models").GetProperty("interestModelVersion").GetString();
        Assert.Matches("^[0-9a-f]{16}$", version);
        return version!;
    }
}
