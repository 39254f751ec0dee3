using System.Diagnostics;
using System.Globalization;
using Seed.Abstractions.Models;
using Seed.Core;
using Seed.Core.Interest;
using Seed.Datasets;
using Seed.Encoders;
using Seed.Storage.Embeddings;
using Seed.Evaluation.ItemKnn;
using Seed.Evaluation.Online;
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
        var encoderOptions = new EncoderOptions { Model = options.Encoder };
        // This tool's one check of the options it builds: the rules the silo applies at start.
        new EncoderOptionsValidator().ThrowIfInvalid(encoderOptions);
        using var onnxEncoder = OnnxSentenceEncoder.Load(encoderOptions);
        using var embeddingStore = new FileTextEmbeddingStore(encoderOptions.ResolvedEmbeddingStoreDirectory);
        var encoder = new StoredSentenceEncoder(onnxEncoder, embeddingStore);
        // Before any long work: a broken model folder, or one trained for another encoder, is one line now.
        var interestModel = LoadInterestModel(options.ModelPath, options.Encoder, encoder.Dimension);
        var dataset = DatasetLoader.Load(options.DataPath);
        console.MarkupLineInterpolated($"[bold]{dataset.Name}[/]: {dataset.Items.Count:N0} items, {dataset.Events.Count:N0} events");

        var catalog = BuildCatalog(dataset, encoder);
        var split = ChronologicalSplit.AtQuantile(dataset.Events, SplitQuantile);
        console.MarkupLineInterpolated(
            $"Split at {split.SplitTime:yyyy-MM-dd HH:mm:ss}Z: {split.History.Count:N0} history events, {split.Test.Count:N0} test events");

        var (lambda, lambdaScores) = EmaLambdaSelection.Select(split.History, catalog, options.K);
        console.MarkupLineInterpolated(
            $"EMA λ = {lambda.ToString(CultureInfo.InvariantCulture)} (validation NDCG@{options.K}: {string.Join(", ", lambdaScores.Select(s => $"{s.Lambda.ToString(CultureInfo.InvariantCulture)}→{s.Ndcg:F4}"))})");

        var (neighbourhood, neighbourhoodScores) = NeighbourhoodSelection.Select(split.History, catalog, options.K);
        console.MarkupLineInterpolated(
            $"item-knn neighbourhood = {SizeName(neighbourhood)} (validation NDCG@{options.K}: {string.Join(", ", neighbourhoodScores.Select(s => $"{SizeName(s.Size)}→{s.Ndcg:F4}"))})");

        var models = CreateModels(catalog, split, lambda, neighbourhood, interestModel);
        var ranks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var results = EvaluateAll(models, split, catalog, options.K, ranks);
        results.AddRange(EvaluateOnline(options, dataset, split, catalog, interestModel, ranks));
        var report = new EvaluationReport(dataset.Name, options.K, results[0].Events, results);
        console.Write(ResultsTable(report));
        console.MarkupLineInterpolated($"{results[0].ExcludedTargets:N0} of {report.Events:N0} targets had been interacted with before (e.g. tagged, then rated): counted as misses for every model.");
        var usersWithHistory = split.History.Select(e => e.UserId).ToHashSet(StringComparer.Ordinal);
        var fromNewUsers = split.Test.Count(e => PositiveInteraction.IsPositive(e) && catalog.TryGetRow(e.ItemId, out _) && !usersWithHistory.Contains(e.UserId));
        console.MarkupLineInterpolated($"{fromNewUsers:N0} of {report.Events:N0} evaluated events belong to users with no event before the split (they start cold and warm up during the replay).");
        WriteParity(results, ranks);
        console.MarkupLineInterpolated($"Done in {stopwatch.Elapsed.TotalSeconds:F1} s.");

        if (options.OutputPath is { } output)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            File.WriteAllText(output, EvaluationReportWriter.ToJson(report));
            console.MarkupLineInterpolated($"Results written to {output}");
        }

        return report;
    }

    private ItemCatalogIndex BuildCatalog(InteractionDataset dataset, StoredSentenceEncoder encoder)
    {
        ItemCatalogIndex? catalog = null;
        console.Progress().Start(context =>
        {
            var task = context.AddTask("Embedding item and tag texts", maxValue: ItemCatalogIndex.TextCount(dataset));
            catalog = ItemCatalogIndex.Encode(dataset, encoder, EncodeBatchSize, done => task.Increment(done));
        });
        console.MarkupLineInterpolated($"{encoder.Summary}");

        return catalog!;
    }

    /// <summary>
    /// The learned model from <paramref name="path"/>, loaded once for the offline model and the online checks; null
    /// (no weights file) skips "lstm". Throws <see cref="InvalidDataException"/> with one line when the folder is
    /// broken or the model was trained for another embedding size.
    /// </summary>
    private InterestModel? LoadInterestModel(string path, string encoderName, int encoderDimension)
    {
        InterestModel.TryLoad(path, out var model, out var reason);
        if (model is not null && model.EmbeddingDim != encoderDimension)
        {
            throw new InvalidDataException(
                $"{path}: the interest model was trained for {model.EmbeddingDim}-d embeddings but the encoder {encoderName} produces {encoderDimension}-d; pass --model with a model trained for this encoder (or leave --model out: the encoder's own model is used, the lstm skipped where there is none).");
        }

        console.MarkupLineInterpolated($"Interest model: {reason}{(model is null ? "; the lstm model is skipped" : string.Empty)}");
        return model;
    }

    private static string SizeName(int? size) => size?.ToString(CultureInfo.InvariantCulture) ?? "all";

    private static List<Func<IRecommenderUnderTest>> CreateModels(
        ItemCatalogIndex catalog, ChronologicalSplit split, float lambda, int? neighbourhood, InterestModel? interestModel)
    {
        var popularity = new PopularityRanking(catalog, split.History);
        var similarities = ItemSimilarities.Build(catalog, split.History, neighbourhood);
        var interestOptions = new InterestOptions();
        var models = new List<Func<IRecommenderUnderTest>>
        {
            () => new PopularityRecommender(popularity),
            () => new MeanProfileRecommender(catalog, popularity),
            () => new EmaProfileRecommender(catalog, popularity, lambda),
            () => new ItemKnnRecommender(similarities, catalog, popularity, neighbourhood),
            () => new InterestTrackerRecommender("fallback", new InterestTracker(interestOptions, null, catalog.Dimension), catalog, popularity),
        };

        if (interestModel is not null)
        {
            models.Add(() => new InterestTrackerRecommender("lstm", new InterestTracker(interestOptions, interestModel, catalog.Dimension), catalog, popularity));
        }

        return models;
    }

    private List<ModelMetrics> EvaluateAll(List<Func<IRecommenderUnderTest>> factories, ChronologicalSplit split, ItemCatalogIndex catalog, int k, Dictionary<string, List<int>> ranks)
    {
        var results = new ModelMetrics[factories.Count];
        var rankLists = factories.Select(_ => new List<int>()).ToArray();
        ReplayProgress().Start(context =>
        {
            var models = factories.Select(create => create()).ToList();
            var tasks = models.Select(model => context.AddTask(model.Name, maxValue: split.Test.Count)).ToList();
            // Models are independent (own state, shared read-only catalog), so running them side by side changes nothing but the wall time.
            Parallel.For(0, models.Count, index =>
                results[index] = ReplayEvaluator.Evaluate(models[index], split.History, split.Test, catalog, k, processed => tasks[index].Increment(processed), rankLists[index]));
            for (var index = 0; index < models.Count; index++)
            {
                ranks[models[index].Name] = rankLists[index];
            }
        });

        return [.. results];
    }

    /// <summary>
    /// The online paths: the same replay sent through each running cluster given (Orleans client, REST API), one
    /// after the other, since two replays on one catalog would count each other's interactions.
    /// </summary>
    private List<ModelMetrics> EvaluateOnline(
        EvaluationOptions options,
        InteractionDataset dataset,
        ChronologicalSplit split,
        ItemCatalogIndex catalog,
        InterestModel? offlineModel,
        Dictionary<string, List<int>> ranks)
    {
        var connections = new List<Func<Task<IEvaluationCluster>>>();
        if (options.OrleansGateway is { } gateway)
        {
            connections.Add(async () => await OrleansEvaluationCluster.ConnectAsync(gateway, options.ClusterId, options.ServiceId, CancellationToken.None));
        }

        if (options.HttpEndpoint is { } endpoint)
        {
            connections.Add(() => Task.FromResult<IEvaluationCluster>(HttpEvaluationCluster.Create(endpoint)));
        }

        var results = new List<ModelMetrics>();
        foreach (var connect in connections)
        {
            results.Add(EvaluateOnlineAsync(connect, options, dataset, split, catalog, offlineModel, ranks).GetAwaiter().GetResult());
        }

        return results;
    }

    private async Task<ModelMetrics> EvaluateOnlineAsync(
        Func<Task<IEvaluationCluster>> connect,
        EvaluationOptions options,
        InteractionDataset dataset,
        ChronologicalSplit split,
        ItemCatalogIndex catalog,
        InterestModel? offlineModel,
        Dictionary<string, List<int>> ranks)
    {
        await using var cluster = await connect();
        var models = await cluster.DescribeModelsAsync(CancellationToken.None);
        var name = (models.InterestModelMode == InterestModelMode.Learned ? "lstm" : "fallback") + "@" + cluster.Transport;
        console.MarkupLineInterpolated($"{name}: the cluster serves interest model {models.InterestModelMode} ({models.InterestModelDetail}); loading {dataset.Items.Count:N0} items");
        if (models.InterestModelMode == InterestModelMode.Learned && offlineModel is not null
            && !models.InterestModelDetail.Contains(offlineModel.Description, StringComparison.Ordinal))
        {
            // Comparing two different models event by event says nothing; stop before a misleading table.
            throw new InvalidOperationException(
                $"The cluster serves '{models.InterestModelDetail}' but --model is '{offlineModel.Description}'. Start the silo with --Seed:InterestModel:Path={options.ModelPath} or pass the model it serves.");
        }

        await ClusterRecommender.PrepareCatalogAsync(cluster, dataset.Items, CancellationToken.None);
        var model = new ClusterRecommender(name, cluster, catalog, options.UserPrefix ?? $"eval-{Guid.NewGuid():N}"[..13] + "-");
        var rankList = new List<int>();
        ModelMetrics? result = null;
        ReplayProgress().Start(context =>
        {
            var task = context.AddTask(name, maxValue: split.Test.Count);
            result = ReplayEvaluator.Evaluate(model, split.History, split.Test, catalog, options.K, processed => task.Increment(processed), rankList);
        });

        ranks[name] = rankList;
        return result!;
    }

    /// <summary>Online vs offline for the same model: event-by-event target ranks and the largest metric difference.</summary>
    private void WriteParity(List<ModelMetrics> results, Dictionary<string, List<int>> ranks)
    {
        foreach (var online in results.Where(result => result.Name.Contains('@', StringComparison.Ordinal)))
        {
            var offlineName = online.Name[..online.Name.IndexOf('@', StringComparison.Ordinal)];
            if (results.FirstOrDefault(result => result.Name == offlineName) is not { } offline)
            {
                console.MarkupLineInterpolated($"{online.Name}: no offline {offlineName} model in this run to compare with (pass the same --model the silo serves).");
                continue;
            }

            var same = ranks[online.Name].Zip(ranks[offlineName]).Count(pair => pair.First == pair.Second);
            var largest = new[]
            {
                Math.Abs(online.HitRate - offline.HitRate), Math.Abs(online.Ndcg - offline.Ndcg), Math.Abs(online.Mrr - offline.Mrr),
                Math.Abs(online.Recall20 - offline.Recall20), Math.Abs(online.Coverage - offline.Coverage),
            }.Max();
            console.MarkupLineInterpolated(
                $"Parity {online.Name} vs {offlineName}: identical target rank on {same:N0} of {ranks[offlineName].Count:N0} events; largest metric difference {largest:G3}.");
        }
    }

    private Progress ReplayProgress() =>
        console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn());

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
