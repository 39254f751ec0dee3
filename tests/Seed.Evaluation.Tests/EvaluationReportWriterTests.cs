using System.Text.Json;

namespace Seed.Evaluation.Tests;

public sealed class EvaluationReportWriterTests
{
    [Fact]
    public void Writes_the_agreed_shape_with_k_in_the_metric_names()
    {
        var report = new EvaluationReport("ml-test", 5, 42, [new ModelMetrics("popularity", 42, 0.5, 0.25, 0.125, 0.75, 0.01, 0)]);

        using var json = JsonDocument.Parse(EvaluationReportWriter.ToJson(report));

        var root = json.RootElement;
        Assert.Equal(["dataset", "events", "models"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ml-test", root.GetProperty("dataset").GetString());
        Assert.Equal(42, root.GetProperty("events").GetInt32());
        var model = root.GetProperty("models")[0];
        Assert.Equal(["name", "hr@5", "ndcg@5", "mrr", "recall@20", "coverage@5"], model.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.25, model.GetProperty("ndcg@5").GetDouble());
    }

    [Fact]
    public void Options_parse_defaults_and_reject_unknown_arguments()
    {
        var options = EvaluationCommand.Parse(["--data", "/tmp/x", "--k", "5"]);
        Assert.Equal(5, options.K);
        Assert.EndsWith(Path.Combine("models", "interest-lstm"), options.ModelPath, StringComparison.Ordinal);
        Assert.Null(options.OutputPath);
        Assert.Throws<ArgumentException>(() => EvaluationCommand.Parse(["--data", "/tmp/x", "--bogus", "1"]));
        // A bare clone runs: the data set defaults to the shipped MovieLens copy.
        Assert.Equal(Seed.Core.RepositoryPaths.Resolve(Seed.Core.ShippedPaths.MovieLens), EvaluationCommand.Parse(["--k", "5"]).DataPath);
    }
}
