namespace Seed.Api.Tests.Browser;

/// <summary>A fact that is skipped, with the reason in the output, when no Chromium executable is installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.ExecutablePath is null)
        {
            Skip = Chromium.SkipReason;
        }
    }
}
