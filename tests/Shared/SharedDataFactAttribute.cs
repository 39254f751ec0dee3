namespace Seed.Testing;

/// <summary>A fact that is skipped, with the reason, when the shared folder lacks the file or folder it needs.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relativePath)
    {
        if (SharedFolder.MissingReason(relativePath) is { } reason)
        {
            Skip = reason;
        }
    }
}
