namespace Seed.Datasets;

/// <summary>An item whose text has changed (<see cref="ReviewItemText"/>): the new text, which replaces the old one entirely.</summary>
public sealed record ItemTextChange(string ItemId, string Text);
