using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Seed.Grains.Users;
using Seed.Persistence.Postgres;
using Seed.Storage;

namespace Seed.Api.Tests;

/// <summary>The users' and catalog's binary storage serializer against Orleans' own, on a full user snapshot.</summary>
public sealed class ExactSizeGrainStorageSerializerTests
{
    [Fact]
    public void A_snapshot_is_orleans_binary_format_in_an_array_of_its_own_size_and_either_serializer_reads_the_others()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var exact = new ExactSizeGrainStorageSerializer(serializer);
        var orleans = new OrleansGrainStorageSerializer(serializer);
        var state = new UserGrainState
        {
            Hidden = [.. Enumerable.Range(0, 64).Select(i => i / 64f)],
            LongTerm = [.. Enumerable.Range(0, 128).Select(i => -i / 128f)],
            EventCount = 4_200,
            LastEventTime = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero),
            RecentItemIds = [.. Enumerable.Range(0, 200).Select(i => "item-" + i.ToString(CultureInfo.InvariantCulture))],
            CategoryAffinities = new Dictionary<string, float>(StringComparer.Ordinal) { ["Drama"] = 0.5f, ["Comedy"] = 0.25f },
            RecentEventIdFingerprints = RandomNumberGenerator.GetBytes(4096 * EventIdWindow.FingerprintSize),
            ModelVersion = "model-1",
        };

        var written = exact.Serialize(state);

        Assert.Equal(orleans.Serialize(state).ToArray(), written.ToArray());
        Assert.True(MemoryMarshal.TryGetArray(written.ToMemory(), out var segment));
        Assert.Equal(segment.Array!.Length, segment.Count);
        var read = exact.Deserialize<UserGrainState>(orleans.Serialize(state))!;
        Assert.Equal(state.Hidden, read.Hidden);
        Assert.Equal(state.LongTerm, read.LongTerm);
        Assert.Equal(state.EventCount, read.EventCount);
        Assert.Equal(state.LastEventTime, read.LastEventTime);
        Assert.Equal(state.RecentItemIds, read.RecentItemIds);
        Assert.Equal(state.CategoryAffinities, read.CategoryAffinities);
        Assert.Equal(state.RecentEventIdFingerprints, read.RecentEventIdFingerprints);
        Assert.Equal(state.ModelVersion, orleans.Deserialize<UserGrainState>(written)!.ModelVersion);
    }
}
