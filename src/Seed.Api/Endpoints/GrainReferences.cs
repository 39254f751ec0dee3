using System.Runtime.CompilerServices;

namespace Seed.Api.Endpoints;

/// <summary>
/// References to string-keyed grains without Orleans' per-call interface resolution. <c>GetGrain&lt;T&gt;(key)</c> finds
/// the interface's <see cref="GrainInterfaceType"/> by reflection on every call (custom attributes and a formatted type
/// name: strings, arrays and a method-info stub per request in an allocation profile of <c>POST /v1/events</c>); the
/// grain type and interface type it resolves never change in a process, so they are taken from the first reference a
/// factory makes and later references are built from them and the key.
/// </summary>
public static class GrainReferences
{
    /// <summary>The same reference as <c>grains.GetGrain&lt;TGrain&gt;(key)</c>.</summary>
    public static TGrain Get<TGrain>(IGrainFactory grains, string key)
        where TGrain : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (Types<TGrain>.ByFactory.TryGetValue(grains, out var types))
        {
            return (TGrain)grains.GetGrain(GrainId.Create(types.GrainType, key), types.InterfaceType);
        }

        var first = grains.GetGrain<TGrain>(key);
        if (first is GrainReference reference)
        {
            Types<TGrain>.ByFactory.AddOrUpdate(grains, new ResolvedTypes(reference.GrainId.Type, reference.InterfaceType));
        }

        return first;
    }

    /// <summary>What a factory resolved for <typeparamref name="TGrain"/>, kept as long as the factory lives.</summary>
    private static class Types<TGrain>
    {
        public static readonly ConditionalWeakTable<IGrainFactory, ResolvedTypes> ByFactory = [];
    }

    private sealed record ResolvedTypes(GrainType GrainType, GrainInterfaceType InterfaceType);
}
