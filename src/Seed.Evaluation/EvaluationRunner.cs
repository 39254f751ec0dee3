using System.Diagnostics;
using System.Globalization;
using Seed.Core.Datasets;
using Seed.Core.Encoding;
using Seed.Core.Interest;
using Spectre.Console;

namespace Seed.Evaluation;

/// <summary>
/// The whole offline evaluation: load the data set, embed every item once, split at the 80th percentile of event
/// time, pick the EMA λ on the last 10% of the history, replay the test period for every model (in parallel, each
/// model with its own state) and report. See <see cref="ReplayEvaluator"/> for the replay protocol.
/// </summary>
public sealed class EvaluationRunner(IAnsiConsole console)
{
    /// <summary>Quantile of event timestamps where history ends and test begins.</summary>
    public const double SplitQuantile = 0.8;

    // Items per encoder call: large enough to amortise ONNX Runtime overhead, small enough to keep padding low.
    private const int EncodeBatchSize = 256;

    public EvaluationReport Run(EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();
        var dataset = DatasetLoader.Load(options.DataPath);
        console.MarkupLineInterpolated($"[bold]{dataset.Name}[/]: {dataset.Items.Count:N0} items, {dataset.Events.Count:N0} events");

        var catalog = BuildCatalog(dataset, options.EncoderPath);
        var split = ChronologicalSplit.AtQuantile(dataset.Events, SplitQuantile);
        console.MarkupLineInterpolated(
            $"Split at {split.SplitTime:yyyy-MM-dd HH:mm:ss}Z: {split.History.Count:N0} history events, {split.Test.Count:N0} test events");

        var (lambda, lambdaScores) = EmaLambdaSelection.Select(split.History, catalog, options.K);
        console.MarkupLineInterpolated(
            $"EMA λ = {lambda.ToString(CultureInfo.InvariantCulture)} (validation NDCG@{options.K}: {string.Join(", ", lambdaScores.Select(s => $"{s.Lambda.ToString(CultureInfo.InvariantCulture)}→{s.Ndcg:F4}"))})");

        var models = CreateModels(options, catalog, split, lambda);
        var results = EvaluateAll(models, split, catalog, options.K);
        var report = new EvaluationReport(dataset.Name, options.K, results[0].Events, results);
        console.Write(ResultsTable(report));
        console.MarkupLineInterpolated($"{results[0].ExcludedTargets:N0} of {report.Events:N0} targets had been interacted with before (e.g. tagged, then rated): counted as misses for every model.");
        var usersWithHistory = split.History.Select(e => e.UserId).ToHashSet(StringComparer.Ordinal);
        var fromNewUsers = split.Test.Count(e => PositiveInteraction.IsPositive(e) && catalog.TryGetRow(e.ItemId, out _) && !usersWithHistory.Contains(e.UserId));
        console.MarkupLineInterpolated($"{fromNewUsers:N0} of {report.Events:N0} evaluated events belong to users with no event before the split (they start cold and warm up during the replay).");
        console.MarkupLineInterpolated($"Done in {stopwatch.Elapsed.TotalSeconds:F1} s.");

        if (options.OutputPath is { } output)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            File.WriteAllText(output, EvaluationReportWriter.ToJson(report));
            console.MarkupLineInterpolated($"Results written to {output}");
        }

        return report;
    }

    private ItemCatalogIndex BuildCatalog(InteractionDataset dataset, string encoderPath)
    {
        using var encoder = OnnxSentenceEncoder.Load(new EncoderOptions { ModelPath = encoderPath });
        ItemCatalogIndex? catalog = null;
        console.Progress().Start(context =>
        {
            var task = context.AddTask("Embedding item and tag texts", maxValue: ItemCatalogIndex.TextCount(dataset));
            catalog = ItemCatalogIndex.Encode(dataset, encoder, EncodeBatchSize, done => task.Increment(done));
        });

        return catalog!;
    }

    private List<Func<IRecommenderUnderTest>> CreateModels(EvaluationOptions options, ItemCatalogIndex catalog, ChronologicalSplit split, float lambda)
    {
        var popularity = new PopularityRanking(catalog, split.History);
        var interestOptions = new InterestOptions();
        var models = new List<Func<IRecommenderUnderTest>>
        {
            () => new PopularityRecommender(popularity),
            () => new MeanProfileRecommender(catalog, popularity),
            () => new EmaProfileRecommender(catalog, popularity, lambda),
            () => new InterestTrackerRecommender("fallback", new InterestTracker(interestOptions, null, catalog.Dimension), catalog, popularity),
        };

        if (InterestModel.TryLoad(options.ModelPath, out var model, out var reason))
        {
            models.Add(() => new InterestTrackerRecommender("lstm", new InterestTracker(interestOptions, model, catalog.Dimension), catalog, popularity));
        }

        console.MarkupLineInterpolated($"Interest model: {reason}{(model is null ? "; the lstm model is skipped" : string.Empty)}");
        return models;
    }

    private List<ModelMetrics> EvaluateAll(List<Func<IRecommenderUnderTest>> factories, ChronologicalSplit split, ItemCatalogIndex catalog, int k)
    {
        var results = new ModelMetrics[factories.Count];
        console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn()).Start(context =>
        {
            var models = factories.Select(create => create()).ToList();
            var tasks = models.Select(model => context.AddTask(model.Name, maxValue: split.Test.Count)).ToList();
            // Models are independent (own state, shared read-only catalog), so running them side by side changes nothing but the wall time.
            Parallel.For(0, models.Count, index =>
                results[index] = ReplayEvaluator.Evaluate(models[index], split.History, split.Test, catalog, k, processed => tasks[index].Increment(processed)));
        });

        return [.. results];
    }

    private static Table ResultsTable(EvaluationReport report)
    {
        var table = new Table().Title($"{report.Dataset}: {report.Events:N0} test events, full-catalog ranking");
        foreach (var column in new[] { "model", $"HR@{report.K}", $"NDCG@{report.K}", "MRR", $"Recall@{MetricAccumulator.RecallCutoff}", $"Coverage@{report.K}" })
        {
            table.AddColumn(column == "model" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        }

        foreach (var model in report.Models)
        {
            table.AddRow(
                model.Name,
                model.HitRate.ToString("F4", CultureInfo.InvariantCulture),
                model.Ndcg.ToString("F4", CultureInfo.InvariantCulture),
                model.Mrr.ToString("F4", CultureInfo.InvariantCulture),
                model.Recall20.ToString("F4", CultureInfo.InvariantCulture),
                model.Coverage.ToString("F4", CultureInfo.InvariantCulture));
        }

        return table;
    }
}
