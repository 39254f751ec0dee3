using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Seed.Training;

/// <summary>
/// Trains <see cref="InterestNetwork"/> on a <see cref="TrainingCorpus"/>: next-item prediction after every event,
/// truncated BPTT over chunks of each user's sequence (state carried between chunks, so the LSTM sees the same
/// cold-start-to-now history as a user grain), a sampled softmax over the batch's own targets plus uniformly sampled
/// negatives with the logQ correction, Adam, gradient clipping, and early stopping on validation NDCG@10.
/// Where item texts change over time (<see cref="TrainingCorpus.ItemRowsByBucket"/>), candidates are scored with their
/// embeddings as of the target's popularity bucket, one bucket group of targets at a time.
/// </summary>
internal sealed class InterestTrainer(TrainingCorpus corpus, TrainingOptions options, Action<string> log)
{
    private const int RankingCutoff = 10;
    private const int ValidationQueryBlock = 512;

    // With per-bucket item vectors every query gathers its own [rows, D] matrix; smaller blocks bound that memory.
    private const int TimelineValidationQueryBlock = 64;
    private const double GradientClipNorm = 1.0;

    public InterestNetwork Network { get; private set; } = null!;

    public IReadOnlyList<EpochResult> Epochs { get; private set; } = [];

    public int BestEpoch { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public void Train()
    {
        torch.set_num_threads(options.Threads);
        torch.manual_seed(options.Seed);
        var random = new Random(options.Seed);
        var stopwatch = Stopwatch.StartNew();
        Network = new InterestNetwork(corpus.EmbeddingDim, options.HiddenDim, options.LongTermHalfLifeDays * 86400);
        using var optimizer = optim.Adam(Network.parameters(), lr: options.LearningRate);
        using var itemEmbeddings = corpus.ItemRowsByBucket is { } byBucket
            ? tensor(byBucket, [corpus.Popularity.BucketCount, corpus.Catalog.Count, corpus.EmbeddingDim])
            : tensor(corpus.Catalog.Rows, [corpus.Catalog.Count, corpus.EmbeddingDim]);
        using var logPopularity = tensor(corpus.Popularity.LogCounts, [corpus.Popularity.BucketCount, corpus.Catalog.Count]);
        using var logSamplingShare = tensor(TargetFrequencies(), [corpus.Catalog.Count]);

        var epochs = new List<EpochResult>();
        Dictionary<string, Tensor>? best = null;
        var bestNdcg = double.NegativeInfinity;
        for (var epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            var epochStart = stopwatch.Elapsed;
            Network.train();
            var loss = RunEpoch(optimizer, itemEmbeddings, logPopularity, logSamplingShare, random);
            Network.eval();
            var validation = Validate(itemEmbeddings, logPopularity);
            var result = new EpochResult(epoch, loss, validation, (stopwatch.Elapsed - epochStart).TotalSeconds);
            epochs.Add(result);
            log($"epoch {epoch}: loss {loss:F4}, validation HR@10 {validation.HitRate10:F4} NDCG@10 {validation.Ndcg10:F4} MRR {validation.Mrr:F4} "
                + $"(scale {Network.Scale.item<float>():F2}, popularity {Network.PopularityWeight.item<float>():F3}, {result.Seconds:F0} s)");
            if (validation.Ndcg10 > bestNdcg)
            {
                bestNdcg = validation.Ndcg10;
                BestEpoch = epoch;
                DisposeAll(best);
                best = Network.state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.detach().clone());
            }
            else if (epoch - BestEpoch >= options.Patience)
            {
                log($"no improvement for {options.Patience} epochs: stopping, keeping epoch {BestEpoch}");
                break;
            }

            if (stopwatch.Elapsed.TotalMinutes >= options.MaxMinutes)
            {
                log($"time budget of {options.MaxMinutes} min reached: stopping, keeping epoch {BestEpoch}");
                break;
            }
        }

        if (best is not null)
        {
            Network.load_state_dict(best);
            DisposeAll(best);
        }

        Epochs = epochs;
        Elapsed = stopwatch.Elapsed;
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        foreach (var value in tensors?.Values ?? Enumerable.Empty<Tensor>())
        {
            value.Dispose();
        }
    }

    // ln of each item's share of training targets (floored), for the in-batch part of the logQ correction.
    private float[] TargetFrequencies()
    {
        var counts = new double[corpus.Catalog.Count];
        var total = 0.0;
        foreach (var user in corpus.Users)
        {
            for (var i = 0; i < user.Length; i++)
            {
                if (corpus.IsTrainingTarget(user, i))
                {
                    counts[user.Targets[i]]++;
                    total++;
                }
            }
        }

        return [.. counts.Select(count => (float)((count + 0.5) / (total + (0.5 * counts.Length))))];
    }

    private double RunEpoch(optim.Optimizer optimizer, Tensor itemEmbeddings, Tensor logPopularity, Tensor targetShare, Random random)
    {
        var states = corpus.Users.ToDictionary(user => user, _ => new CarriedState(options.HiddenDim, corpus.EmbeddingDim));
        // A user's chunks are needed up to the last one holding a training target.
        var trainingLength = corpus.Users.ToDictionary(user => user, user =>
        {
            for (var i = user.Length - 1; i >= 0; i--)
            {
                if (corpus.IsTrainingTarget(user, i))
                {
                    return i + 1;
                }
            }

            return 0;
        });
        var totalLoss = 0.0;
        var steps = 0;
        for (var level = 0; ; level++)
        {
            var active = corpus.Users.Where(user => trainingLength[user] > level * options.ChunkLength).ToList();
            if (active.Count == 0)
            {
                break;
            }

            Shuffle(active, random);
            foreach (var batch in active.Chunk(options.BatchUsers))
            {
                var batchStates = batch.Select(user => states[user]).ToList();
                var loss = Step(optimizer, batch, batchStates, level, itemEmbeddings, logPopularity, targetShare, random);
                if (loss is { } value)
                {
                    totalLoss += value;
                    steps++;
                }
            }
        }

        return steps == 0 ? double.NaN : totalLoss / steps;
    }

    private double? Step(
        optim.Optimizer optimizer, UserSequence[] users, List<CarriedState> states, int level,
        Tensor itemEmbeddings, Tensor logPopularity, Tensor targetShare, Random random)
    {
        using var scope = NewDisposeScope();
        var inputs = ChunkBatchBuilder.Build(users, states, level, options.ChunkLength, corpus.InputSize);
        var length = (int)inputs.Times.shape[1];

        // Positions that predict a training target, and the candidate set: their targets plus uniform samples.
        var positions = new List<long>();
        var targets = new List<int>();
        var buckets = new List<long>();
        for (var b = 0; b < users.Length; b++)
        {
            var start = level * options.ChunkLength;
            for (var t = 0; t < length && start + t < users[b].Length; t++)
            {
                if (corpus.IsTrainingTarget(users[b], start + t))
                {
                    positions.Add((b * length) + t);
                    targets.Add(users[b].Targets[start + t]);
                    buckets.Add(corpus.Popularity.BucketOf(users[b].TargetTimes[start + t]));
                }
            }
        }

        if (corpus.ItemRowsByBucket is not null)
        {
            // Targets of one bucket next to each other, so each bucket's candidate vectors serve one slice of queries.
            var order = Enumerable.Range(0, positions.Count).OrderBy(i => buckets[i]).ThenBy(i => i).ToList();
            positions = [.. order.Select(i => positions[i])];
            targets = [.. order.Select(i => targets[i])];
            buckets = [.. order.Select(i => buckets[i])];
        }

        if (positions.Count == 0)
        {
            using (no_grad())
            {
                ChunkBatchBuilder.Carry(users, states, level, options.ChunkLength, Network.Forward(inputs));
            }

            return null;
        }

        var candidateRows = new SortedSet<int>(targets);
        for (var i = 0; i < options.SampledNegatives; i++)
        {
            candidateRows.Add(random.Next(corpus.Catalog.Count));
        }

        var candidates = candidateRows.ToArray();
        var columnOf = new Dictionary<int, long>(candidates.Length);
        for (var i = 0; i < candidates.Length; i++)
        {
            columnOf[candidates[i]] = i;
        }

        var result = Network.Forward(inputs);
        var query = result.Query.reshape(-1, corpus.EmbeddingDim).index_select(0, tensor(positions.ToArray()));
        var candidateIndex = tensor(candidates.Select(row => (long)row).ToArray());
        var similarity = CandidateSimilarity(query, itemEmbeddings, candidateIndex, buckets);
        var popularity = logPopularity.index_select(1, candidateIndex).index_select(0, tensor(buckets.ToArray()));

        // logQ: expected appearances of each candidate = uniform draws + the batch's targets drawn from the target distribution.
        var expected = (targetShare.index_select(0, candidateIndex) * positions.Count) + ((double)options.SampledNegatives / corpus.Catalog.Count);
        var logits = (Network.Scale * similarity) + (Network.PopularityWeight * popularity) - expected.clamp_max(1).log();
        var labels = tensor(targets.Select(row => columnOf[row]).ToArray());
        var loss = nn.functional.cross_entropy(logits, labels);

        optimizer.zero_grad();
        loss.backward();
        nn.utils.clip_grad_norm_(Network.parameters(), GradientClipNorm);
        optimizer.step();
        ChunkBatchBuilder.Carry(users, states, level, options.ChunkLength, result);
        return loss.item<float>();
    }

    /// <summary>
    /// q · v for every query and candidate: one matrix product with fixed item texts; with changing texts, one per run of
    /// equal buckets in <paramref name="buckets"/> (sorted), each against the candidates' vectors as of that bucket.
    /// </summary>
    private Tensor CandidateSimilarity(Tensor query, Tensor itemEmbeddings, Tensor candidateIndex, List<long> buckets)
    {
        if (corpus.ItemRowsByBucket is null)
        {
            return query.matmul(Network.ItemVectors(itemEmbeddings.index_select(0, candidateIndex)).t());
        }

        var parts = new List<Tensor>();
        for (var start = 0; start < buckets.Count;)
        {
            var end = start;
            while (end < buckets.Count && buckets[end] == buckets[start])
            {
                end++;
            }

            var vectors = Network.ItemVectors(itemEmbeddings[buckets[start]].index_select(0, candidateIndex));
            parts.Add(query.narrow(0, start, end - start).matmul(vectors.t()));
            start = end;
        }

        return cat(parts, 0);
    }

    /// <summary>Replays every user's whole history and ranks the full catalog before each validation target.</summary>
    private ValidationMetrics Validate(Tensor itemEmbeddings, Tensor logPopularity)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var queries = new List<float[]>();
        var targets = new List<(int Row, long Bucket, HashSet<int> Seen)>();
        var states = corpus.Users.ToDictionary(user => user, _ => new CarriedState(options.HiddenDim, corpus.EmbeddingDim));
        for (var level = 0; ; level++)
        {
            var active = corpus.Users.Where(user => user.Length > level * options.ChunkLength && HasValidationTargetFrom(user, level * options.ChunkLength)).ToList();
            if (active.Count == 0)
            {
                break;
            }

            foreach (var batch in active.Chunk(options.BatchUsers))
            {
                using var stepScope = NewDisposeScope();
                var batchStates = batch.Select(user => states[user]).ToList();
                var inputs = ChunkBatchBuilder.Build(batch, batchStates, level, options.ChunkLength, corpus.InputSize);
                var result = Network.Forward(inputs);
                var length = (int)inputs.Times.shape[1];
                var all = result.Query.reshape(-1).data<float>().ToArray();
                for (var b = 0; b < batch.Length; b++)
                {
                    var start = level * options.ChunkLength;
                    for (var t = 0; t < length && start + t < batch[b].Length; t++)
                    {
                        var index = start + t;
                        if (corpus.IsValidationTarget(batch[b], index))
                        {
                            queries.Add(all.AsSpan(((b * length) + t) * corpus.EmbeddingDim, corpus.EmbeddingDim).ToArray());
                            targets.Add((batch[b].Targets[index], corpus.Popularity.BucketOf(batch[b].TargetTimes[index]), [.. batch[b].Rows.Take(index + 1)]));
                        }
                    }
                }

                ChunkBatchBuilder.Carry(batch, batchStates, level, options.ChunkLength, result);
            }
        }

        return Rank(queries, targets, itemEmbeddings, logPopularity);
    }

    private bool HasValidationTargetFrom(UserSequence user, int start)
    {
        for (var i = start; i < user.Length; i++)
        {
            if (corpus.IsValidationTarget(user, i))
            {
                return true;
            }
        }

        return false;
    }

    private ValidationMetrics Rank(List<float[]> queries, List<(int Row, long Bucket, HashSet<int> Seen)> targets, Tensor itemEmbeddings, Tensor logPopularity)
    {
        if (queries.Count == 0)
        {
            return new ValidationMetrics(0, 0, 0, 0);
        }

        // [rows, D], or [buckets, rows, D] when item texts change over time.
        var itemVectors = Network.ItemVectors(itemEmbeddings);
        var timeline = corpus.ItemRowsByBucket is not null;
        var blockSize = timeline ? TimelineValidationQueryBlock : ValidationQueryBlock;
        // Serving ranks by q·v + (popularity / scale)·ln(1 + count): the training logits divided by the scale.
        var priorWeight = Network.PopularityWeight / Network.Scale;
        double hits = 0, ndcg = 0, mrr = 0;
        var rowCount = corpus.Catalog.Count;
        for (var start = 0; start < queries.Count; start += blockSize)
        {
            using var blockScope = NewDisposeScope();
            var count = Math.Min(blockSize, queries.Count - start);
            var block = tensor(queries.Skip(start).Take(count).SelectMany(q => q).ToArray(), [count, corpus.EmbeddingDim]);
            var bucketIndex = tensor(targets.Skip(start).Take(count).Select(t => t.Bucket).ToArray());
            var similarity = timeline
                ? bmm(itemVectors.index_select(0, bucketIndex), block.unsqueeze(-1)).squeeze(-1)
                : block.matmul(itemVectors.t());
            var scores = (similarity + (priorWeight * logPopularity.index_select(0, bucketIndex))).data<float>().ToArray();
            for (var q = 0; q < count; q++)
            {
                var (row, _, seen) = targets[start + q];
                if (seen.Contains(row))
                {
                    continue; // already interacted with: excluded from every ranking, a miss (as in the evaluation)
                }

                var span = scores.AsSpan(q * rowCount, rowCount);
                var target = span[row];
                var rank = 1;
                for (var other = 0; other < rowCount; other++)
                {
                    if (other != row && (span[other] > target || (span[other] == target && other < row)) && !seen.Contains(other))
                    {
                        rank++;
                    }
                }

                mrr += 1.0 / rank;
                if (rank <= RankingCutoff)
                {
                    hits++;
                    ndcg += 1.0 / Math.Log2(rank + 1);
                }
            }
        }

        var n = queries.Count;
        return new ValidationMetrics(n, hits / n, ndcg / n, mrr / n);
    }

    private static void Shuffle<T>(List<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
