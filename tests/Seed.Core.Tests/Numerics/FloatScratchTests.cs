using Seed.Core.Numerics;

namespace Seed.Core.Tests.Numerics;

public sealed class FloatScratchTests
{
    [Fact]
    public void A_long_enough_stack_buffer_is_used_for_exactly_the_length_asked()
    {
        Span<float> stack = stackalloc float[8];
        stack.Fill(7f);

        using var scratch = new FloatScratch(stack, 5);
        scratch.Span.Fill(1f);

        Assert.Equal(5, scratch.Span.Length);
        Assert.Equal([1f, 1f, 1f, 1f, 1f, 7f, 7f, 7f], stack.ToArray());
    }

    [Fact]
    public void A_length_beyond_the_stack_buffer_gets_a_pooled_array_of_that_length_that_disposing_twice_returns_once()
    {
        Span<float> stack = stackalloc float[4];
        var scratch = new FloatScratch(stack, FloatScratch.MaxStackFloats + 1);
        scratch.Span.Fill(2f);

        Assert.Equal(FloatScratch.MaxStackFloats + 1, scratch.Span.Length);
        Assert.Equal([0f, 0f, 0f, 0f], stack.ToArray());
        scratch.Dispose();
        scratch.Dispose();
    }

    [Fact]
    public void A_negative_length_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FloatScratch([], -1));
}
