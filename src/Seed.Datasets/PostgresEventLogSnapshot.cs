namespace Seed.Datasets;

/// <summary>What <see cref="PostgresEventLogReader"/> read, with the log rows it left out of the data set and why.</summary>
/// <param name="Dataset">The items of <c>seed_items</c> and the kept events of <c>seed_event_log</c>, in replay order.</param>
/// <param name="LoggedEvents">Every row of the log, kept or not.</param>
/// <param name="EventsWithoutItem">Rows with no item (free-text searches, tags alone): the model's inputs are item events.</param>
/// <param name="EventsWithUnknownItem">Rows whose item is not in <c>seed_items</c> (never upserted, or deleted): no text to embed.</param>
public sealed record PostgresEventLogSnapshot(InteractionDataset Dataset, int LoggedEvents, int EventsWithoutItem, int EventsWithUnknownItem);
