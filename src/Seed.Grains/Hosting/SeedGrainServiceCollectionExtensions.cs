using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seed.Core.Interest;
using Seed.Encoders;
using Seed.Grains.Catalog;
using Seed.Grains.Encoders;
using Seed.Grains.Models;
using Seed.Grains.Users;
using Seed.Storage;
using Seed.Storage.Embeddings;

namespace Seed.Grains.Hosting;

/// <summary>Registers what the grains need on a silo: options, the shared encoder session and the interest model.</summary>
public static class SeedGrainServiceCollectionExtensions
{
    public static IServiceCollection AddSeedGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        // Each section is checked by its generated validator when the host starts, before the silo runs, so a bad
        // setting stops start-up with a message naming its key instead of failing the first grain that reads it.
        services.AddOptionsWithValidateOnStart<EncoderOptions, EncoderOptionsValidator>().Bind(configuration.GetSection(EncoderOptions.SectionName));
        services.AddOptionsWithValidateOnStart<InterestOptions, InterestOptionsValidator>().Bind(configuration.GetSection(InterestOptions.SectionName));
        services.AddOptionsWithValidateOnStart<InterestModelOptions, InterestModelOptionsValidator>().Bind(configuration.GetSection(InterestModelOptions.SectionName));
        services.AddOptionsWithValidateOnStart<UserOptions, UserOptionsValidator>().Bind(configuration.GetSection(UserOptions.SectionName));
        services.AddOptionsWithValidateOnStart<CatalogOptions, CatalogOptionsValidator>().Bind(configuration.GetSection(CatalogOptions.SectionName));

        // One ONNX Runtime session per silo, shared by every encoder grain activation through one batching queue.
        services.AddSingleton<OnnxSentenceEncoder>(sp => OnnxSentenceEncoder.Load(
            sp.GetRequiredService<IOptions<EncoderOptions>>().Value,
            sp.GetRequiredService<ILogger<OnnxSentenceEncoder>>()));
        services.AddSingleton<ISentenceEncoder>(sp => sp.GetRequiredService<OnnxSentenceEncoder>());
        services.AddSingleton(sp => new MicroBatchingEncoder(
            sp.GetRequiredService<ISentenceEncoder>(),
            sp.GetRequiredService<IOptions<EncoderOptions>>().Value,
            sp.GetRequiredService<ILogger<MicroBatchingEncoder>>()));
        // Item texts are encoded once per (encoder, text): a PostgreSQL host registers its store; otherwise local files.
        services.TryAddSingleton<ITextEmbeddingStore>(sp => new FileTextEmbeddingStore(
            sp.GetRequiredService<IOptions<EncoderOptions>>().Value.ResolvedEmbeddingStoreDirectory,
            sp.GetRequiredService<ILogger<FileTextEmbeddingStore>>()));
        services.AddSingleton(sp => new ItemTextEncoder(
            sp.GetRequiredService<MicroBatchingEncoder>(),
            sp.GetRequiredService<ISentenceEncoder>(),
            sp.GetRequiredService<IOptions<EncoderOptions>>().Value.PersistItemEmbeddings ? sp.GetRequiredService<ITextEmbeddingStore>() : null,
            sp.GetRequiredService<ILogger<ItemTextEncoder>>()));
        // The served model changes on reload, so grains take the provider and read its current model per call.
        services.AddSingleton<InterestModelProvider>();
        services.AddSingleton<InterestModelSync>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<InterestModelSync>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LabelCentroidCache>();
        services.AddSingleton<InteractionReportCoalescer>();
        services.AddSingleton<BulkUpsertPacer>();
        services.AddSingleton<SharedStrings>();
        services.AddSingleton<SnapshotDueTimer>();
        services.AddSingleton<UserGrainServices>();
        services.AddSingleton<LocalCatalogShards>();
        // One per silo, not per user activation: it holds only the grain factory, the shard count and the local shards.
        services.AddSingleton(sp => new EventEmbeddingResolver(
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IOptions<CatalogOptions>>().Value.ShardCount,
            sp.GetRequiredService<LocalCatalogShards>()));

        // Embedded defaults; a durable host (PostgreSQL) registers its own implementations before or after this.
        services.TryAddSingleton<IEventLog, InMemoryEventLog>();
        if (string.Equals(configuration["Orleans:GrainStorage:catalog:ProviderType"], "Memory", StringComparison.OrdinalIgnoreCase))
        {
            // Same durability as Memory grain storage (none past the process), without rewriting a shard's whole
            // document on every upsert (InMemoryCatalogItemStore).
            services.TryAddSingleton<ICatalogItemStore, InMemoryCatalogItemStore>();
        }

        services.TryAddSingleton<ICatalogItemStore, GrainStateItemStore>();
        return services;
    }
}
