using Seed.Core.Numerics;
using Seed.Encoders;

namespace Seed.Datasets;

/// <summary>
/// The catalog every model ranks: item id → row, one row-major matrix of unit item embeddings (each item's
/// <see cref="Seed.Datasets.DatasetItem.EmbeddingText"/>, encoded once), and the embeddings of event texts (tags).
/// All models share it, so differences in results come from the models, not from the vectors.
/// </summary>
public sealed class ItemCatalogIndex
{
    private readonly Dictionary<string, int> _rowById;
    private readonly IReadOnlyDictionary<string, float[]> _textEmbeddings;

    /// <summary>Builds the index; <paramref name="embeddings"/>[i] belongs to <paramref name="itemIds"/>[i].</summary>
    public ItemCatalogIndex(
        IReadOnlyList<string> itemIds, IReadOnlyList<float[]> embeddings, IReadOnlyDictionary<string, float[]>? textEmbeddings = null, ItemTextTimeline? itemTexts = null)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentNullException.ThrowIfNull(embeddings);
        if (itemIds.Count != embeddings.Count || itemIds.Count == 0)
        {
            throw new ArgumentException($"Need one embedding per item and at least one item (got {itemIds.Count} ids, {embeddings.Count} embeddings).", nameof(embeddings));
        }

        Dimension = embeddings[0].Length;
        Rows = new float[itemIds.Count * Dimension];
        _rowById = new Dictionary<string, int>(itemIds.Count, StringComparer.Ordinal);
        for (var row = 0; row < itemIds.Count; row++)
        {
            if (embeddings[row].Length != Dimension)
            {
                throw new ArgumentException($"Embedding of item {itemIds[row]} has length {embeddings[row].Length}, expected {Dimension}.", nameof(embeddings));
            }

            if (!_rowById.TryAdd(itemIds[row], row))
            {
                throw new ArgumentException($"Item id {itemIds[row]} appears twice.", nameof(itemIds));
            }

            embeddings[row].CopyTo(Rows.AsSpan(row * Dimension, Dimension));
        }

        ItemIds = itemIds;
        _textEmbeddings = textEmbeddings ?? new Dictionary<string, float[]>();
        ItemTexts = itemTexts;
    }

    /// <summary>
    /// Encodes every item's <see cref="DatasetItem.EmbeddingText"/> and every distinct event text once, in batches of
    /// <paramref name="batchSize"/>; <paramref name="progress"/> receives the number of texts done after each batch.
    /// For a data set whose item texts come from earlier reviews, the rows hold each item's base text (the state before
    /// any review) and every text the <see cref="ItemTexts"/> timeline will give an item is encoded too, so a replay
    /// swaps rows (<see cref="LiveCatalogRows"/>) without an encoder.
    /// The trainer and the evaluator both build their catalog here, so they see the very same vectors.
    /// </summary>
    public static ItemCatalogIndex Encode(InteractionDataset dataset, ISentenceEncoder encoder, int batchSize = 256, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var itemTexts = dataset.Items.Select(item => item.EmbeddingText()).ToList();
        var timeline = ItemTextTimeline.For(dataset);
        var eventTexts = DistinctTexts(dataset, timeline);
        var itemEmbeddings = new List<float[]>(itemTexts.Count);
        foreach (var batch in itemTexts.Chunk(batchSize))
        {
            itemEmbeddings.AddRange(encoder.Encode(batch));
            progress?.Invoke(batch.Length);
        }

        var textEmbeddings = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var batch in eventTexts.Chunk(batchSize))
        {
            var vectors = encoder.Encode(batch);
            for (var i = 0; i < batch.Length; i++)
            {
                textEmbeddings[batch[i]] = vectors[i];
            }

            progress?.Invoke(batch.Length);
        }

        return new ItemCatalogIndex([.. dataset.Items.Select(item => item.Id)], itemEmbeddings, textEmbeddings, timeline);
    }

    /// <summary>Number of distinct texts <see cref="Encode"/> will embed for <paramref name="dataset"/> (for progress bars).</summary>
    public static int TextCount(InteractionDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.Items.Count + DistinctTexts(dataset, ItemTextTimeline.For(dataset)).Count;
    }

    // Event texts and, where items are described by their reviews, every item text version: one ordinal-sorted list.
    private static List<string> DistinctTexts(InteractionDataset dataset, ItemTextTimeline? timeline) =>
        [.. dataset.Events.Select(e => e.Text).OfType<string>().Concat(timeline?.AllTexts() ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// How item texts change during a replay (null when they are fixed): the replay announces each change to every
    /// model, and each model swaps the row in its own <see cref="LiveCatalogRows"/>. <see cref="Rows"/> stay the base texts.
    /// </summary>
    public ItemTextTimeline? ItemTexts { get; }

    /// <summary>Embedding dimension.</summary>
    public int Dimension { get; }

    /// <summary>Number of items (rows).</summary>
    public int Count => ItemIds.Count;

    /// <summary>Item id of each row.</summary>
    public IReadOnlyList<string> ItemIds { get; }

    /// <summary>Row-major unit embeddings, <see cref="Count"/> × <see cref="Dimension"/>.</summary>
    public float[] Rows { get; }

    /// <summary>The row of an item id, false for an item outside the catalog.</summary>
    public bool TryGetRow(string itemId, out int row) => _rowById.TryGetValue(itemId, out row);

    /// <summary>One row's embedding.</summary>
    public ReadOnlySpan<float> Row(int row) => Rows.AsSpan(row * Dimension, Dimension);

    /// <summary>
    /// The embedding the product would use for an event: the item's embedding, or for an event with text (a tag)
    /// the normalised sum of item and text embeddings, exactly as the user grain does.
    /// </summary>
    public float[] EventEmbedding(int row, string? text) => EventEmbedding(Row(row), text);

    /// <summary>As <see cref="EventEmbedding(int, string?)"/>, with the item's current embedding given (a <see cref="LiveCatalogRows"/> row).</summary>
    public float[] EventEmbedding(ReadOnlySpan<float> itemEmbedding, string? text)
    {
        var embedding = itemEmbedding.ToArray();
        if (text is not null && _textEmbeddings.TryGetValue(text, out var textEmbedding))
        {
            VectorOps.ScaleAndAdd(embedding, textEmbedding, 1f);
            VectorOps.NormalizeInPlace(embedding);
        }

        return embedding;
    }

    /// <summary>The encoded vector of an event text or item text version, false for a text <see cref="Encode"/> never saw.</summary>
    public bool TryGetTextEmbedding(string text, out float[] embedding) => _textEmbeddings.TryGetValue(text, out embedding!);
}
