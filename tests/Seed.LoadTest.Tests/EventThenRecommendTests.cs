using System.Globalization;
using System.Text.Json;
using Seed.LoadTest.Reporting;
using Seed.LoadTest.Running;
using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Tests;

public sealed class EventThenRecommendTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Against_a_target_that_hides_seen_items_every_checked_event_is_visible(bool closedLoop)
    {
        string[] pacing = closedLoop ? ["--max", "--concurrency", "8"] : ["--rate", "300"];
        var (report, target) = await RunAsync(new RecordingTarget(seed: 4), pacing);

        var roundTrips = report.Operations["round-trip"];
        var visibility = report.Visibility!;
        Assert.Equal(0, report.Errors);
        Assert.True(visibility.Visible > 0);
        Assert.Equal(0, visibility.NotVisible);
        Assert.Equal(1.0, visibility.VisibleFraction);
        // Only a user's first round trip has no list to check against.
        Assert.Equal(target.SentEvents.Select(e => e.UserId).Distinct().Count(), visibility.Unchecked);
        // Counted like errors, by the round trips that started after the warm-up (here: all); the latencies by the
        // measured seconds they ended in, which leaves out any that ended after the run.
        Assert.Equal(target.Recommendations, visibility.Checked + visibility.Unchecked);
        Assert.InRange(roundTrips.Count, 1, target.Recommendations);
        // One event and one recommendation per round trip, each leg recorded on its own.
        Assert.Equal(target.SentEvents.Count, target.Recommendations);
        Assert.InRange(report.Operations["event"].Count, 1, target.Recommendations);
        Assert.InRange(report.Operations["recommend"].Count, 1, target.Recommendations);
        // A round trip contains both its legs, so none of its percentiles is below theirs.
        Assert.True(roundTrips.P99Ms >= report.Operations["event"].P99Ms);
        Assert.True(roundTrips.P99Ms >= report.Operations["recommend"].P99Ms);
        Assert.Equal(roundTrips.P99Ms, visibility.RoundTripP99Ms);
        Assert.Equal(report.Operations["recommend"].P99Ms, visibility.RecommendP99Ms);
        AssertEachUsersCallsAlternateWithoutOverlap(target);
    }

    [Fact]
    public async Task Each_checked_event_names_the_top_item_of_the_users_previous_list()
    {
        var (_, target) = await RunAsync(new RecordingTarget(seed: 5), ["--max", "--concurrency", "4"]);

        foreach (var user in target.SentEvents.GroupBy(e => e.UserId))
        {
            var lists = target.Read.Where(read => read.UserId == user.Key).OrderBy(read => read.Started).Select(read => read.Items).ToList();
            var events = user.ToList();
            for (var i = 1; i < events.Count; i++)
            {
                Assert.Equal(lists[i - 1][0], events[i].ItemId);
                Assert.DoesNotContain(events[i].ItemId, lists[i]);
            }
        }
    }

    [Fact]
    public async Task Against_a_target_that_does_not_hide_seen_items_the_report_shows_the_failures()
    {
        var (report, target) = await RunAsync(new RecordingTarget(seed: 6) { HidesSeenItems = false }, ["--rate", "300"]);

        var visibility = report.Visibility!;
        Assert.Equal(0, visibility.Visible);
        Assert.True(visibility.NotVisible > 0);
        Assert.Equal(0.0, visibility.VisibleFraction);
        // Not a crash: every round trip completed and was timed; the failures are the run's errors, by kind.
        Assert.Equal(target.Recommendations, visibility.Checked + visibility.Unchecked);
        Assert.InRange(report.Operations["round-trip"].Count, 1, target.Recommendations);
        Assert.Equal(visibility.NotVisible, report.Operations["round-trip"].ErrorsByKind["not-visible"]);
        Assert.Equal(visibility.NotVisible, report.Errors);
        Assert.Contains($"0 of {visibility.Checked.ToString("N0", CultureInfo.InvariantCulture)} checked round trips showed their event", HtmlReportWriter.Render(report), StringComparison.Ordinal);

        var json = JsonDocument.Parse(JsonSerializer.Serialize(report)).RootElement;
        Assert.Equal(visibility.NotVisible, json.GetProperty("visibility").GetProperty("notVisible").GetInt64());
        Assert.True(json.GetProperty("operations").TryGetProperty("round-trip", out _));
    }

    [Fact]
    public void A_users_first_event_is_sent_as_drawn_and_later_ones_name_the_top_of_their_last_list()
    {
        var tracker = new VisibilityTracker();
        var now = DateTimeOffset.UtcNow;
        var first = new LoadEvent("e1", "u", "click", "drawn", null, now);
        var search = new LoadEvent("e2", "u", "search", null, "red guitar", now);

        Assert.Equal((first, null), tracker.EventFor(first));
        Assert.Null(tracker.Observe("u", null, ["a", "b"], measured: true));
        var (sent, mustDisappear) = tracker.EventFor(search);
        Assert.Equal(new LoadEvent("e2", "u", "view", "a", null, now), sent);
        Assert.Equal("a", mustDisappear);
        Assert.True(tracker.Observe("u", "a", ["b", "c"], measured: true));
        Assert.False(tracker.Observe("u", "b", ["b"], measured: false)); // warm-up: said, not counted
        tracker.Forget("u");

        Assert.Null(tracker.EventFor(first).MustDisappear);
        Assert.Equal((1, 0, 1), (tracker.Visible, tracker.NotVisible, tracker.Unchecked));
    }

    [Theory]
    [InlineData("--recommend-only")]
    [InlineData("--summary-only")]
    [InlineData("--mode", "replay")]
    [InlineData("--batch", "10")]
    public void Event_then_recommend_refuses_options_it_cannot_keep(params string[] other)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadTestCommand.Parse(["--http", "http://h:1", "--max", "--event-then-recommend", .. other]));

        Assert.Contains("--event-then-recommend", error.Message, StringComparison.Ordinal);
        Assert.True(LoadTestCommand.Parse(["--cluster", "orleans:127.0.0.1:30000", "--rate", "50", "--event-then-recommend"]).EventThenRecommend);
        Assert.False(LoadTestCommand.Parse(["--http", "http://h:1", "--max"]).EventThenRecommend);
    }

    private static async Task<(LoadReport Report, RecordingTarget Target)> RunAsync(RecordingTarget target, string[] pacing)
    {
        // Few users, so each has several round trips; --k 5 of a 1,000-item ranking never runs out.
        var options = LoadTestCommand.Parse(["--http", "http://h:1", "--event-then-recommend", "--k", "5", "--warmup", "0s", "--duration", "500ms", .. pacing]);
        var runner = new LoadRunner(options, target, new SyntheticWorkload(6, 20, 1.0, 0.3, 1));
        await runner.RunAsync((_, _, _) => { }, CancellationToken.None);
        return (LoadReport.From(options, runner), target);
    }

    /// <summary>Per user, on the target's clock: event, recommendation, event, ..., each call starting after the previous one finished.</summary>
    private static void AssertEachUsersCallsAlternateWithoutOverlap(RecordingTarget target)
    {
        var calls = target.Sent.Select(s => (s.UserId, Kind: "event", s.Started, s.Finished))
            .Concat(target.Read.Select(r => (r.UserId, Kind: "recommend", r.Started, r.Finished)));
        foreach (var user in calls.GroupBy(call => call.UserId))
        {
            var ordered = user.OrderBy(call => call.Started).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                Assert.Equal(i % 2 == 0 ? "event" : "recommend", ordered[i].Kind);
                Assert.True(i == 0 || ordered[i].Started > ordered[i - 1].Finished, $"{user.Key}: call {i} started before call {i - 1} finished");
            }
        }
    }
}
