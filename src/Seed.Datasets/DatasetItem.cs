namespace Seed.Datasets;

/// <summary>An item of a data set: its id and the text the sentence encoder embeds.</summary>
/// <param name="Id">The data set's item id, as text.</param>
/// <param name="Title">Human-readable title (for MovieLens, with the release year in parentheses).</param>
/// <param name="Categories">Genres or categories, in the data set's order.</param>
/// <param name="Tags">Descriptive tags (empty unless the loader was asked to derive them; see <see cref="DatasetLoaderOptions.TagsPerItem"/>).</param>
public sealed record DatasetItem(string Id, string Title, IReadOnlyList<string> Categories, IReadOnlyList<string> Tags)
{
    /// <summary>
    /// The text embedded for the item: <c>title. genre, genre[. tag, tag]</c>. Evaluation and training must use this one
    /// definition so that item vectors agree between them.
    /// </summary>
    public string EmbeddingText()
    {
        var text = Categories.Count > 0 ? $"{Title}. {string.Join(", ", Categories)}" : Title;
        return Tags.Count > 0 ? $"{text}. {string.Join(", ", Tags)}" : text;
    }
}
