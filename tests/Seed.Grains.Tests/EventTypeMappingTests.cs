using Seed.Abstractions;
using Seed.Core.Interest;

namespace Seed.Grains.Tests;

/// <summary>
/// The wire enum (Seed.Abstractions) and the model enum (Seed.Core) are kept separate so clients do not pull in
/// ONNX Runtime; the user grain casts between them, which is only right while names and values match one to one.
/// </summary>
public sealed class EventTypeMappingTests
{
    [Fact]
    public void Every_event_type_maps_to_the_interaction_kind_of_the_same_name_and_value()
    {
        var wire = Enum.GetValues<EventType>().Select(v => (Name: v.ToString(), Value: (int)v)).ToList();
        var model = Enum.GetValues<InteractionKind>().Select(v => (Name: v.ToString(), Value: (int)v)).ToList();

        Assert.Equal(model, wire);
    }
}
