namespace Seed.Core.Tests.Models;

/// <summary>Finds the read-only shared folder (models, data sets) that lives beside the repository.</summary>
internal static class SharedData
{
    public static string Root
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable("SEED_SHARED_ROOT");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured;
            }

            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Silo.sln")))
                {
                    return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared"));
                }
            }

            throw new DirectoryNotFoundException(
                $"Cannot find the shared folder: set SEED_SHARED_ROOT or run from inside the repository (searched up from {AppContext.BaseDirectory}).");
        }
    }

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
