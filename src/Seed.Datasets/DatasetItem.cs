namespace Seed.Datasets;

/// <summary>An item of a data set: its id and the text the sentence encoder embeds.</summary>
/// <param name="Id">The data set's item id, as text.</param>
/// <param name="Title">Human-readable title (for MovieLens, with the release year in parentheses).</param>
/// <param name="Categories">Genres or categories, in the data set's order.</param>
/// <param name="Tags">Descriptive tags (empty unless the loader was asked to derive them; see <see cref="DatasetLoaderOptions.TagsPerItem"/>).</param>
public sealed record DatasetItem(string Id, string Title, IReadOnlyList<string> Categories, IReadOnlyList<string> Tags)
{
    /// <summary>
    /// An explicit description that replaces the composed text, as <c>CatalogItem.Text</c> does in the cluster; null
    /// for the public data sets, which have none. Items read from the cluster's item table carry it, so training embeds
    /// the very text the catalog embedded.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>
    /// The text embedded for the item: <see cref="Text"/> when it is not blank, else <c>title. genre, genre[. tag, tag]</c>.
    /// Evaluation and training must use this one definition so that item vectors agree between them, and it must equal
    /// <c>CatalogItem.EmbeddingText</c> for the same fields so that training and serving agree too.
    /// </summary>
    public string EmbeddingText()
    {
        if (!string.IsNullOrWhiteSpace(Text))
        {
            return Text;
        }

        var text = Categories.Count > 0 ? $"{Title}. {string.Join(", ", Categories)}" : Title;
        return Tags.Count > 0 ? $"{text}. {string.Join(", ", Tags)}" : text;
    }
}
