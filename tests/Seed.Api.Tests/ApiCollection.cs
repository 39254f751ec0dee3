namespace Seed.Api.Tests;

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<SeedApiFactory>
{
    public const string Name = "api";
}
