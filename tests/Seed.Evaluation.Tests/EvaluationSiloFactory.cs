using Microsoft.AspNetCore.Hosting;
using Seed.Api.Tests;
using Seed.Core;

namespace Seed.Evaluation.Tests;

/// <summary>
/// A fresh silo (own ports, in-memory storage, empty catalog) serving a committed interest model, configured as
/// the online evaluation needs it: a seen-item window long enough to hold every item a replayed user touched.
/// </summary>
public sealed class EvaluationSiloFactory(int recentItemCount = 100_000, string interestModel = "models/interest-lstm") : SeedApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:Users:RecentItemCount", recentItemCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Seed:InterestModel:Path", RepositoryPaths.Resolve(interestModel));
    }
}
