using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Seed.Grains.Users;

namespace Seed.Grains.Tests;

public sealed class SnapshotDueTimerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly SnapshotDueTimer _timer;
    private readonly List<string> _calls = [];

    public SnapshotDueTimerTests() => _timer = new SnapshotDueTimer(_time, NullLogger<SnapshotDueTimer>.Instance);

    public void Dispose() => _timer.Dispose();

    [Fact]
    public void Each_target_is_called_once_when_due_in_due_order_whatever_the_order_scheduled()
    {
        _timer.Schedule(Target("late"), TimeSpan.FromSeconds(20));
        _timer.Schedule(Target("early"), TimeSpan.FromSeconds(5));
        _timer.Schedule(Target("middle"), TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Empty(_calls);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["early"], _calls);
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(["early", "middle", "late"], _calls);
        Assert.Equal(0, _timer.Count);

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(3, _calls.Count);
    }

    [Fact]
    public void An_entry_earlier_than_the_armed_one_moves_the_timer_forward()
    {
        _timer.Schedule(Target("later"), TimeSpan.FromMinutes(1));
        _timer.Schedule(Target("sooner"), TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["sooner"], _calls);
        Assert.Equal(1, _timer.Count);
    }

    [Fact]
    public void Entries_due_within_the_resolution_arrive_together()
    {
        _timer.Schedule(Target("a"), TimeSpan.FromSeconds(1));
        _timer.Schedule(Target("b"), TimeSpan.FromSeconds(1) + (SnapshotDueTimer.Resolution / 2));

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["a", "b"], _calls);
    }

    [Fact]
    public void A_target_that_throws_does_not_stop_the_others_or_the_timer()
    {
        _timer.Schedule(new ThrowingTarget(), TimeSpan.FromSeconds(1));
        _timer.Schedule(Target("after"), TimeSpan.FromSeconds(1));
        _timer.Schedule(Target("next"), TimeSpan.FromSeconds(2));

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(["after", "next"], _calls);
    }

    [Fact]
    public void A_negative_delay_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _timer.Schedule(Target("x"), TimeSpan.FromSeconds(-1)));
        Assert.Equal(0, _timer.Count);
    }

    private RecordingTarget Target(string name) => new(name, _calls);

    private sealed class RecordingTarget(string name, List<string> calls) : ISnapshotDue
    {
        public void SnapshotDue() => calls.Add(name);
    }

    private sealed class ThrowingTarget : ISnapshotDue
    {
        public void SnapshotDue() => throw new InvalidOperationException("activation gone");
    }
}
