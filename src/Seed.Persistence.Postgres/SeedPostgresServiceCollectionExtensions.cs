using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using Seed.Storage;
using Seed.Storage.Embeddings;

namespace Seed.Persistence.Postgres;

/// <summary>Chooses the durability implementations from <c>Seed:Storage</c> on a silo.</summary>
public static class SeedPostgresServiceCollectionExtensions
{
    /// <summary>Key of the Orleans-binary grain storage serializer (<c>Orleans:GrainStorage:{name}:SerializerKey</c>).</summary>
    public const string BinarySerializerKey = "binary";

    public static IServiceCollection AddSeedStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SeedStorageOptions.SectionName);
        services.AddOptionsWithValidateOnStart<SeedStorageOptions, SeedStorageOptionsValidator>().Bind(section);

        // Compact state: the Orleans binary codec writes float arrays as raw little-endian floats, where JSON
        // spells every float out in decimal (see docs/PERFORMANCE.md for the measured sizes).
        services.TryAddKeyedSingleton<IGrainStorageSerializer>(BinarySerializerKey,
            (sp, _) => new ExactSizeGrainStorageSerializer(sp.GetRequiredService<Serializer>()));

        var options = section.Get<SeedStorageOptions>() ?? new SeedStorageOptions();
        if (!options.IsPostgres)
        {
            return services;
        }

        var connectionString = configuration.GetConnectionString(options.ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Seed:Storage:Provider is PostgreSQL but ConnectionStrings:{options.ConnectionName} is empty.");
        }

        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<PostgresEventLog>();
        services.Replace(ServiceDescriptor.Singleton<IEventLog>(sp => sp.GetRequiredService<PostgresEventLog>()));
        services.Replace(ServiceDescriptor.Singleton<ICatalogItemStore, PostgresItemStore>());
        services.Replace(ServiceDescriptor.Singleton<ITextEmbeddingStore, PostgresTextEmbeddingStore>());
        return services;
    }

    /// <summary>The connection string the host's <c>Seed:Storage</c> names, for the migrator.</summary>
    public static string? StorageConnectionString(IConfiguration configuration)
    {
        var options = configuration.GetSection(SeedStorageOptions.SectionName).Get<SeedStorageOptions>() ?? new SeedStorageOptions();
        return configuration.GetConnectionString(options.ConnectionName);
    }
}
