using Seed.Abstractions.Events;

namespace Seed.Storage;

/// <summary>An event as the log holds it: its position (strictly increasing per user in append order) and the event.</summary>
public sealed record LoggedEvent(long Position, UserEvent Event);
