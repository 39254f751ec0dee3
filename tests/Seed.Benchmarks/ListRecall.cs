using System.Diagnostics;

namespace Seed.Benchmarks;

/// <summary>The recall probes' shared measures: how much of an exact list an approximate one holds, and time per query.</summary>
internal static class ListRecall
{
    /// <summary>The mean over queries of the share of each expected list that the found list holds (1 for an empty expected list).</summary>
    public static double Mean(IEnumerable<IEnumerable<string>> found, IReadOnlyList<IReadOnlyCollection<string>> expected) =>
        found.Zip(expected, (ids, wanted) => wanted.Count == 0 ? 1.0 : (double)ids.Intersect(wanted).Count() / wanted.Count).Average();

    /// <summary>Seconds per query of <paramref name="run"/>, which runs <paramref name="count"/> queries.</summary>
    public static double MeanSeconds(Action run, int count)
    {
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalSeconds / count;
    }
}
