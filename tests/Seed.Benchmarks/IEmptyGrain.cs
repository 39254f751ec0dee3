namespace Seed.Benchmarks;

/// <summary>A grain whose one method does nothing: the price of a bare Orleans call, the floor of every grain path.</summary>
[Alias("Seed.Benchmarks.IEmptyGrain")]
public interface IEmptyGrain : IGrainWithStringKey
{
    [Alias("Nothing")]
    Task NothingAsync();
}
