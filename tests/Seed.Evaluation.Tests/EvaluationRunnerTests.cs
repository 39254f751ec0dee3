using System.Text.Json;
using Spectre.Console;

namespace Seed.Evaluation.Tests;

/// <summary>The whole pipeline (real encoder, real files) on a small slice of ml-latest-small, to stay fast.</summary>
public sealed class EvaluationRunnerTests : IDisposable
{
    private const int Movies = 400;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "seed-eval-tests-" + Guid.NewGuid().ToString("N"), "ml-slice");

    public EvaluationRunnerTests()
    {
        var source = TestData.MovieLens;
        Directory.CreateDirectory(_folder);
        var movieLines = File.ReadLines(Path.Combine(source, "movies.csv")).Take(Movies + 1).ToList();
        var movieIds = movieLines.Skip(1).Select(line => line[..line.IndexOf(',', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        File.WriteAllLines(Path.Combine(_folder, "movies.csv"), movieLines);
        foreach (var file in new[] { "ratings.csv", "tags.csv" })
        {
            // Keep rows whose movieId (second field; no quoting before it) is in the slice.
            var lines = File.ReadLines(Path.Combine(source, file)).ToList();
            File.WriteAllLines(Path.Combine(_folder, file), [lines[0], .. lines.Skip(1).Where(line => movieIds.Contains(line.Split(',')[1]))]);
        }
    }

    [Fact]
    public void A_broken_model_folder_is_one_line_before_the_data_set_is_read()
    {
        var model = Path.Combine(_folder, "..", "truncated-model");
        Directory.CreateDirectory(model);
        var committed = Core.RepositoryPaths.Resolve("models/interest-lstm");
        File.Copy(Path.Combine(committed, "config.json"), Path.Combine(model, "config.json"));
        File.WriteAllBytes(Path.Combine(model, "model.safetensors"), File.ReadAllBytes(Path.Combine(committed, "model.safetensors"))[..5000]);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) });
        // The data folder does not exist: reaching it would throw DirectoryNotFoundException instead.
        var options = EvaluationCommand.Parse(["--data", Path.Combine(_folder, "not-read"), "--encoder", TestData.Encoder, "--model", model]);

        var error = Assert.Throws<InvalidDataException>(() => new EvaluationRunner(console).Run(options));

        Assert.Contains("model.safetensors", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Runs_end_to_end_and_writes_the_json_report()
    {
        var output = Path.Combine(_folder, "..", "result.json");
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) });
        var options = EvaluationCommand.Parse(["--data", _folder, "--encoder", TestData.Encoder, "--model", Path.Combine(_folder, "no-model"), "--k", "10", "--output", output]);

        var report = new EvaluationRunner(console).Run(options);

        Assert.Equal(["popularity", "mean-profile", "ema-profile", "item-knn", "fallback"], report.Models.Select(m => m.Name));
        Assert.True(report.Events > 100);
        Assert.All(report.Models, m =>
        {
            Assert.Equal(report.Events, m.Events);
            Assert.InRange(m.HitRate, 0, m.Recall20);
            Assert.InRange(m.Ndcg, 0, m.HitRate);
            Assert.InRange(m.Coverage, 0.0, 1.0);
        });
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal("ml-slice", json.RootElement.GetProperty("dataset").GetString());
        Assert.Equal(report.Events, json.RootElement.GetProperty("events").GetInt32());

        // Deterministic: a second run gives identical numbers.
        Assert.Equal(report.Models, new EvaluationRunner(console).Run(options).Models);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the run.
        }
    }
}
