namespace Seed.Abstractions.Events;

/// <summary>Limits clients can rely on without asking the server (the REST API's defaults, <c>Seed:Api</c>).</summary>
public static class EventLimits
{
    /// <summary>
    /// Longest event or item text the REST API accepts by default (<c>Seed:Api:MaxTextLength</c>). Clients replaying
    /// longer texts may cut them to this: the encoder keeps only its first 256 tokens, far fewer characters.
    /// </summary>
    public const int DefaultMaxTextLength = 4096;
}
