namespace Seed.Api.Tests.Browser;

/// <summary>
/// Debian's chromium package (what .ci/run installs), driven through Playwright's ExecutablePath, so that no browser is
/// downloaded. <c>SEED_CHROMIUM</c> names another executable.
/// </summary>
public static class Chromium
{
    public static string? ExecutablePath =>
        new[] { Environment.GetEnvironmentVariable("SEED_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path));

    public const string SkipReason =
        "SKIPPED: no Chromium found (apt-get install chromium, or set SEED_CHROMIUM to its executable): web page browser tests not run.";
}
