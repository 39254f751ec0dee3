using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seed.Encoders;
using Seed.Core.Interest;
using Seed.Grains.Catalog;
using Seed.Grains.Users;
using Seed.Storage;

namespace Seed.Grains.Hosting;

/// <summary>Registers what the grains need on a silo: options, the shared encoder session and the interest model.</summary>
public static class SeedGrainServiceCollectionExtensions
{
    public static IServiceCollection AddSeedGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EncoderOptions>().Bind(configuration.GetSection("Seed:Encoder"));
        services.AddOptions<InterestOptions>().Bind(configuration.GetSection("Seed:Interest"));
        services.AddOptions<InterestModelOptions>().Bind(configuration.GetSection(InterestModelOptions.SectionName));
        services.AddOptions<UserOptions>().Bind(configuration.GetSection(UserOptions.SectionName))
            .Validate(o => { o.Validate(); return true; });
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.SectionName))
            .Validate(o => { o.Validate(); return true; });

        // One ONNX Runtime session per silo, shared by every encoder grain activation through one batching queue.
        services.AddSingleton<OnnxSentenceEncoder>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EncoderOptions>>().Value;
            options.Validate();
            return OnnxSentenceEncoder.Load(options, sp.GetRequiredService<ILogger<OnnxSentenceEncoder>>());
        });
        services.AddSingleton<ISentenceEncoder>(sp => sp.GetRequiredService<OnnxSentenceEncoder>());
        services.AddSingleton(sp => new MicroBatchingEncoder(
            sp.GetRequiredService<ISentenceEncoder>(),
            sp.GetRequiredService<IOptions<EncoderOptions>>().Value,
            sp.GetRequiredService<ILogger<MicroBatchingEncoder>>()));
        services.AddSingleton<InterestModelProvider>();
        services.AddSingleton(sp => sp.GetRequiredService<InterestModelProvider>().Tracker);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LabelCentroidCache>();

        // Embedded defaults; a durable host (PostgreSQL) registers its own implementations before or after this.
        services.TryAddSingleton<IEventLog>(sp => new InMemoryEventLog(sp.GetRequiredService<IOptions<UserOptions>>().Value.EventIdWindow));
        services.TryAddSingleton<ICatalogItemStore, GrainStateItemStore>();
        return services;
    }
}
