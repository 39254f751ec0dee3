namespace Seed.Abstractions.Catalog;

/// <summary>Whether a label is an item category (genre) or a free-form tag.</summary>
[GenerateSerializer, Alias("Seed.LabelKind")]
public enum LabelKind
{
    Category = 0,
    Tag = 1,
}
