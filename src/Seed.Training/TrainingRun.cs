using System.Diagnostics;
using System.Globalization;
using System.Text;
using Seed.Core;
using Seed.Core.Collaborative;
using Seed.Core.Interest;
using Seed.Datasets;
using Seed.Encoders;
using Seed.Storage.Embeddings;
using Seed.Evaluation;
using Spectre.Console;

namespace Seed.Training;

/// <summary>The whole training job: load, embed, build the corpus, train, export with a model card.</summary>
internal sealed class TrainingRun(IAnsiConsole console)
{
    public TrainingOutcome Run(TrainingOptions options, IReadOnlyList<string> commandLine)
    {
        var stopwatch = Stopwatch.StartNew();
        var encoderOptions = new EncoderOptions { Model = options.Encoder };
        // The trainer's one check of the options it builds: the rules the silo applies at start.
        new EncoderOptionsValidator().ThrowIfInvalid(encoderOptions);
        ItemCatalogIndex catalog;
        InteractionDataset dataset;
        using (var onnxEncoder = OnnxSentenceEncoder.Load(encoderOptions))
        using (var embeddingStore = new FileTextEmbeddingStore(encoderOptions.ResolvedEmbeddingStoreDirectory))
        {
            RefuseOutputOfAnotherEncoder(options, onnxEncoder.Dimension);
            dataset = LoadDataset(options);
            console.MarkupLineInterpolated($"[bold]{dataset.Name}[/]: {dataset.Items.Count:N0} items, {dataset.Events.Count:N0} events");
            var encoder = new StoredSentenceEncoder(onnxEncoder, embeddingStore);
            catalog = ItemCatalogIndex.Encode(dataset, encoder);
            console.MarkupLineInterpolated($"{encoder.Summary}");
        }

        var interestOptions = new InterestOptions { LongTermHalfLife = TimeSpan.FromDays(options.LongTermHalfLifeDays) };
        new InterestOptionsValidator().ThrowIfInvalid(interestOptions);
        var corpus = TrainingCorpus.Build(dataset.Events, catalog, interestOptions, options.SplitQuantile, options.ValidationShare, options.PopularityBuckets);
        console.MarkupLineInterpolated(
            $"{corpus.Users.Count:N0} users, {corpus.HistoryEvents:N0} history events, {corpus.TrainingTargets:N0} training and {corpus.ValidationTargets:N0} validation targets");

        var trainer = new InterestTrainer(corpus, options, message => console.WriteLine(message));
        trainer.Train();
        var best = trainer.Epochs.Single(epoch => epoch.Epoch == trainer.BestEpoch);
        var commit = GitCommit();
        var name = $"seed-interest-lstm ({dataset.Name})";
        ModelExporter.Export(trainer.Network, options.OutputPath, name, $"Seed.Training at {commit}", CoLikeSettings.Disabled);
        var coLike = ChooseCoLike(options, dataset, catalog, interestOptions);
        ModelExporter.WriteConfig(trainer.Network, options.OutputPath, name, $"Seed.Training at {commit}", coLike.Best);
        var card = ModelCard(options, dataset, corpus, trainer, commit, commandLine, stopwatch.Elapsed, coLike);
        // The card is outside the hashed files, so it can name the version of the config and weights just written.
        var version = InterestModelFingerprint.Compute(options.OutputPath);
        ModelExporter.WriteModelCard(options.OutputPath, card + ModelVersionSection(version));
        console.MarkupLineInterpolated(
            $"Best epoch {trainer.BestEpoch}: validation NDCG@10 {best.Validation.Ndcg10:F4}, HR@10 {best.Validation.HitRate10:F4}. Written to {options.OutputPath} in {stopwatch.Elapsed.TotalMinutes:F1} min.");
        console.MarkupLineInterpolated($"Model version [bold]{version}[/] (the content hash silos report in /healthz after a reload).");
        return new TrainingOutcome(trainer.BestEpoch, best.Validation, stopwatch.Elapsed);
    }

    private InteractionDataset LoadDataset(TrainingOptions options)
    {
        if (options.PostgresConnectionString is not { } connectionString)
        {
            return DatasetLoader.Load(options.DataPath);
        }

        var snapshot = PostgresEventLogReader.Read(connectionString);
        console.MarkupLineInterpolated(
            $"Event log: {snapshot.LoggedEvents:N0} events; left out {snapshot.EventsWithoutItem:N0} without an item and {snapshot.EventsWithUnknownItem:N0} about items missing from seed_items.");
        return snapshot.Dataset;
    }

    private static string ModelVersionSection(string version) =>
        $"\n## Version\n\n`{version}`: the content hash of config.json and model.safetensors (`InterestModelFingerprint`), the version a silo reports after loading this folder.\n";

    /// <summary>
    /// Before any long work: an output folder that already holds a model for embeddings of another size belongs to
    /// another encoder, and overwriting it would break the silos that serve that encoder.
    /// </summary>
    private static void RefuseOutputOfAnotherEncoder(TrainingOptions options, int encoderDimension)
    {
        if (InterestModel.TryLoad(options.OutputPath, out var existing, out _) && existing is not null && existing.EmbeddingDim != encoderDimension)
        {
            throw new ArgumentException(
                $"--output {options.OutputPath} holds a model for {existing.EmbeddingDim}-d embeddings, but the encoder {options.Encoder} produces {encoderDimension}-d; "
                + "leave --output out (the encoder's own folder is used) or choose an empty folder.");
        }
    }

    /// <summary>
    /// The live co-like term is chosen for the trained network as it will be served: the exported folder is loaded by
    /// the serving code and replayed over the validation slice once per candidate (<see cref="CoLikeSelection"/>).
    /// </summary>
    private (CoLikeSettings Best, IReadOnlyList<(CoLikeSettings Settings, ModelMetrics Metrics)> Scores) ChooseCoLike(
        TrainingOptions options, InteractionDataset dataset, ItemCatalogIndex catalog, InterestOptions interestOptions)
    {
        if (!InterestModel.TryLoad(options.OutputPath, out var model, out var reason) || model is null)
        {
            throw new InvalidOperationException($"The exported model could not be loaded back: {reason}");
        }

        var history = ChronologicalSplit.AtQuantile(dataset.Events, options.SplitQuantile).History;
        var selection = CoLikeSelection.Select(history, catalog, model, interestOptions, 10, options.ValidationShare);
        var best = selection.Scores.Single(score => score.Settings == selection.Best).Metrics;
        console.MarkupLineInterpolated(
            $"Co-like term: {(selection.Best.IsEnabled ? $"weight {selection.Best.Weight}, decay {selection.Best.Decay}, window {selection.Best.Window}" : "off")} (validation NDCG@10 {best.Ndcg:F4}, HR@10 {best.HitRate:F4}; off: {selection.Scores[0].Metrics.Ndcg:F4})");
        return selection;
    }

    private static string GitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true });
            var output = git?.StandardOutput.ReadToEnd().Trim();
            git?.WaitForExit();
            return git?.ExitCode == 0 && !string.IsNullOrEmpty(output) ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static string ModelCard(
        TrainingOptions options,
        InteractionDataset dataset,
        TrainingCorpus corpus,
        InterestTrainer trainer,
        string commit,
        IReadOnlyList<string> commandLine,
        TimeSpan elapsed,
        (CoLikeSettings Best, IReadOnlyList<(CoLikeSettings Settings, ModelMetrics Metrics)> Scores) coLike)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine("# Model card: seed-interest-lstm").AppendLine();
        text.AppendLine("Written by `src/Seed.Training` (TorchSharp, CPU) at the end of training; do not edit by hand.").AppendLine();
        text.AppendLine("## Data").AppendLine();
        if (options.PostgresConnectionString is null)
        {
            text.AppendLine(c, $"- Dataset: `{dataset.Name}` ({dataset.Items.Count:N0} items, {dataset.Events.Count:N0} events), read by Seed.Datasets' DatasetLoader.");
        }
        else
        {
            text.AppendLine(c, $"- Dataset: `{dataset.Name}` ({dataset.Items.Count:N0} items, {dataset.Events.Count:N0} events): the cluster's event log and item table, read by Seed.Datasets' PostgresEventLogReader.");
        }
        text.AppendLine(c, $"- Only the history before the evaluation split (the {options.SplitQuantile:P0} quantile of timestamps) is used: {corpus.HistoryEvents:N0} events of {corpus.Users.Count:N0} users. The test period is never seen.");
        text.AppendLine(c, $"- Validation: targets in the last {options.ValidationShare:P0} of that history (by time): {corpus.ValidationTargets:N0}; training targets before it: {corpus.TrainingTargets:N0}.");
        text.AppendLine(dataset.ItemTextFromEarlierReviews
            ? $"- Item text: no titles in this data set; an item's text is its earlier reviews (`ReviewItemText`: newest first, 120 characters each), as of each event for the inputs and as of each target's popularity bucket for the candidates (never a review from the target's day or later), embedded by the same ONNX sentence encoder the cluster uses (`{options.Encoder}`)."
            : options.PostgresConnectionString is null
                ? $"- Item text: title + genres (+ tags where the dataset has them), embedded by the same ONNX sentence encoder the cluster uses (`{options.Encoder}`)."
                : $"- Item text: what the catalog embedded (`CatalogItem.EmbeddingText`: the item's text, else title + categories + tags), embedded by the same ONNX sentence encoder the cluster uses (`{options.Encoder}`).");
        text.AppendLine(dataset.ItemTextFromEarlierReviews
            ? "- Events: reviews; >= 4 stars are the positive targets; every review is an LSTM input with its signed weight (`InterestOptions.WeightFor`) and its embedding = normalise(item text + review text)."
            : "- Events: ratings >= 4 are the positive targets; every event (any rating, tags) is an LSTM input with its signed weight (`InterestOptions.WeightFor`).");
        text.AppendLine();
        text.AppendLine("## Model").AppendLine();
        text.AppendLine(c, $"- LSTM hidden size {options.HiddenDim}, input = `EventFeatures` (D + 13); short-term head, fusion gate, item tower (D x D, initialised to identity), long-term half-life {options.LongTermHalfLifeDays} days.");
        text.AppendLine(c, $"- Ranking score: q . v + {ModelExporter.PopularityWeight(trainer.Network):F4} * ln(1 + positive interactions with the item so far) (`popularityWeight` in config.json).");
        text.AppendLine("- Objective: next positive item after every event, sampled softmax over the batch's targets plus uniform negatives with the logQ correction; truncated BPTT with state carried across chunks.").AppendLine();
        text.AppendLine("## Hyperparameters").AppendLine();
        text.AppendLine(c, $"seed {options.Seed}, threads {options.Threads}, chunk {options.ChunkLength} events, {options.BatchUsers} users per step, {options.SampledNegatives} sampled negatives, Adam lr {options.LearningRate}, gradient clip 1.0, up to {options.MaxEpochs} epochs, patience {options.Patience}, time budget {options.MaxMinutes} min, {options.PopularityBuckets} popularity time buckets.").AppendLine();
        text.AppendLine("## Training curve (validation: full-catalog ranking, seen items excluded)").AppendLine();
        text.AppendLine("| epoch | train loss | HR@10 | NDCG@10 | MRR | seconds |").AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var epoch in trainer.Epochs)
        {
            var marker = epoch.Epoch == trainer.BestEpoch ? " (kept)" : string.Empty;
            text.AppendLine(c, $"| {epoch.Epoch}{marker} | {epoch.TrainLoss:F4} | {epoch.Validation.HitRate10:F4} | {epoch.Validation.Ndcg10:F4} | {epoch.Validation.Mrr:F4} | {epoch.Seconds:F0} |");
        }

        text.AppendLine().AppendLine("## Live co-like term (chosen on the validation slice)").AppendLine();
        text.AppendLine("Ranking score += coLikeWeight * sum over the user's last coLikeWindow distinct likes R_p (p = 0 most recent) of coLikeDecay^p * c(i, R_p) / sqrt(n_i * n_R_p): item-to-item cosine on the live like counts that the catalog shards keep. Each candidate below is the exported model replayed over the validation slice by the serving code (`CoLikeSelection`); the best NDCG@10 is written to config.json (off wins ties).").AppendLine();
        text.AppendLine("| weight | decay | window | HR@10 | NDCG@10 | coverage@10 |").AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var (settings, metrics) in coLike.Scores)
        {
            var marker = settings == coLike.Best ? " (kept)" : string.Empty;
            var settingsColumns = settings.IsEnabled
                ? string.Create(c, $"{settings.Weight}{marker} | {settings.Decay} | {settings.Window}")
                : $"off{marker} | |";
            text.AppendLine(c, $"| {settingsColumns} | {metrics.HitRate:F4} | {metrics.Ndcg:F4} | {metrics.Coverage:F4} |");
        }

        text.AppendLine().AppendLine("## Provenance").AppendLine();
        text.AppendLine(c, $"- Git commit: `{commit}`; total time {elapsed.TotalMinutes:F1} min on {Environment.ProcessorCount} cores ({options.Threads} TorchSharp threads).");
        text.AppendLine(c, $"- Command: `dotnet run -c Release --project src/Seed.Training -- {string.Join(' ', TrainingCommand.WithoutPassword(commandLine))}`");
        text.AppendLine("- Test-period results are in docs/EVALUATION.md (`src/Seed.Evaluation`).");
        return text.ToString();
    }
}
