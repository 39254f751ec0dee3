using Seed.LoadTest.Reporting;
using Seed.LoadTest.Running;
using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Tests;

public sealed class HarnessTests
{
    [Fact]
    public void Zipf_sampling_follows_the_power_law()
    {
        var sampler = new ZipfSampler(1000, 1.0);
        var random = new Random(7);
        var counts = new int[1000];
        for (var i = 0; i < 200_000; i++)
        {
            counts[sampler.Next(random)]++;
        }

        // P(rank r) ~ 1/r: rank 1 is drawn about twice as often as rank 2 and ten times as often as rank 10.
        Assert.InRange(counts[0] / (double)counts[1], 1.8, 2.2);
        Assert.InRange(counts[0] / (double)counts[9], 8.5, 11.5);
        Assert.InRange(counts[0] / 200_000.0, 0.12, 0.15); // 1 / H(1000) = 0.1336
    }

    [Fact]
    public void A_uniform_exponent_draws_every_rank_about_equally()
    {
        var sampler = new ZipfSampler(10, 0.0);
        var random = new Random(3);
        var counts = new int[10];
        for (var i = 0; i < 100_000; i++)
        {
            counts[sampler.Next(random)]++;
        }

        Assert.All(counts, count => Assert.InRange(count, 9_000, 11_000));
    }

    [Fact]
    public void Options_parse_targets_durations_and_loop_mode()
    {
        var open = LoadTestCommand.Parse(["--http", "http://127.0.0.1:5000", "--rate", "2500", "--duration", "2m", "--warmup", "500ms", "--batch", "50"]);
        var closed = LoadTestCommand.Parse(["--cluster", "orleans:127.0.0.1:30000", "--max", "--concurrency", "8"]);

        Assert.Equal(new Uri("http://127.0.0.1:5000"), open.HttpTarget);
        Assert.Equal(2500, open.Rate);
        Assert.Equal(TimeSpan.FromMinutes(2), open.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(500), open.Warmup);
        Assert.Equal(50, open.BatchSize);
        Assert.Equal("127.0.0.1:30000", closed.OrleansGateway);
        Assert.True(closed.MaxThroughput);
    }

    [Fact]
    public void Options_take_an_api_key_for_a_server_with_auth_on()
    {
        Assert.Equal("k-123", LoadTestCommand.Parse(["--http", "http://h:1", "--max", "--api-key", "k-123"]).ApiKey);
        Assert.Null(LoadTestCommand.Parse(["--http", "http://h:1", "--max"]).ApiKey);
    }

    [Theory]
    [InlineData("--rate")]
    [InlineData("--target")]
    [InlineData("--http")]
    [InlineData("--batch")]
    [InlineData("--duration")]
    [InlineData("--mode")]
    public void Bad_options_name_the_option(string option)
    {
        string[] args = option switch
        {
            "--rate" => ["--http", "http://h:1", "--rate", "10", "--max"],
            "--target" => ["--target", "ftp://h:1", "--max"],
            "--http" => ["--http", "localhost:5000", "--max"],
            "--batch" => ["--http", "http://h:1", "--max", "--batch", "0"],
            "--duration" => ["--http", "http://h:1", "--max", "--duration", "soon"],
            _ => ["--http", "http://h:1", "--max", "--mode", "bogus"],
        };

        var error = Assert.Throws<ArgumentException>(() => LoadTestCommand.Parse(args));
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_counts_only_measured_intervals()
    {
        var recorder = new OperationRecorder("event");
        for (var i = 0; i < 100; i++)
        {
            recorder.RecordSuccess(TimeSpan.FromMilliseconds(1000), 1); // warm-up: slow, not counted
        }

        recorder.CloseInterval(1, 1, measured: false);
        for (var i = 1; i <= 100; i++)
        {
            recorder.RecordSuccess(TimeSpan.FromMilliseconds(i), 10);
        }

        var point = recorder.CloseInterval(2, 1, measured: true);

        Assert.Equal(1000, recorder.Units);
        Assert.Equal(100, recorder.Total.TotalCount);
        Assert.Equal(1000, point.ThroughputPerSec);
        Assert.InRange(recorder.Total.GetValueAtPercentile(99) / 1000.0, 98.9, 99.1);
        Assert.InRange(recorder.Total.GetValueAtPercentile(50) / 1000.0, 49.9, 50.1);
    }

    [Fact]
    public void The_html_report_is_self_contained()
    {
        var options = LoadTestCommand.Parse(["--http", "http://h:1", "--rate", "100"]);
        var workload = new SyntheticWorkload(10, 20, 1.0, 0.5, 1);
        var runner = new LoadRunner(options, null!, workload);
        runner.Events.RecordSuccess(TimeSpan.FromMilliseconds(3), 1);
        runner.Events.CloseInterval(1, 1, measured: true);
        runner.Recommendations.CloseInterval(1, 1, measured: true);

        var html = HtmlReportWriter.Render(LoadReport.From(options, runner));

        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http-", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warm_up_spike_does_not_set_the_latency_scale()
    {
        var options = LoadTestCommand.Parse(["--http", "http://h:1", "--rate", "100"]);
        var runner = new LoadRunner(options, null!, new SyntheticWorkload(10, 20, 1.0, 0.5, 1));
        runner.Events.RecordSuccess(TimeSpan.FromMilliseconds(800), 1); // a cold silo's first second
        runner.Events.CloseInterval(1, 1, measured: false);
        for (var second = 2; second <= 4; second++)
        {
            runner.Events.RecordSuccess(TimeSpan.FromMilliseconds(3), 1);
            runner.Events.CloseInterval(second, 1, measured: true);
        }

        var html = HtmlReportWriter.Render(LoadReport.From(options, runner));

        // The latency axis ends at a round number just above the measured 3 ms, not at the warm-up's 800 ms.
        Assert.Contains(">4</text>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">800</text>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">1,000</text>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Unique_texts_never_repeat_a_search_and_are_off_by_default()
    {
        var random = new Random(3);
        var unique = new SyntheticWorkload(10, 20, 1.0, 1.0, 5) { UniqueTexts = true };
        var plain = new SyntheticWorkload(10, 20, 1.0, 1.0, 5);

        var uniqueTexts = Enumerable.Range(0, 2000).Select(_ => unique.NextEvent(random, "u", DateTimeOffset.UtcNow).Text).ToList();
        var plainTexts = Enumerable.Range(0, 2000).Select(_ => plain.NextEvent(random, "u", DateTimeOffset.UtcNow).Text).ToList();

        Assert.Equal(2000, uniqueTexts.Distinct().Count());
        Assert.True(plainTexts.Distinct().Count() < 2000);
        Assert.True(LoadTestCommand.Parse(["--cluster", "orleans:127.0.0.1:30000", "--max", "--unique-texts"]).UniqueTexts);
    }

    [Fact]
    public void Synthetic_events_are_valid_for_the_api()
    {
        var workload = new SyntheticWorkload(100, 50, 1.0, 0.3, 5);
        var random = new Random(1);
        var events = Enumerable.Range(0, 500).Select(_ => workload.NextEvent(random, workload.NextUser(random), DateTimeOffset.UtcNow)).ToList();

        Assert.Equal(500, events.Select(e => e.EventId).Distinct().Count());
        Assert.All(events, e => Assert.True(e.Type == "search" ? !string.IsNullOrWhiteSpace(e.Text) : e.ItemId is not null));
        Assert.InRange(events.Count(e => e.Type == "search"), 100, 200);
        Assert.All(events.Where(e => e.ItemId is not null), e => Assert.Contains(workload.Items, item => item.Id == e.ItemId));
    }

    [Fact]
    public async Task Recommend_only_sends_recommendations_and_no_events()
    {
        var options = LoadTestCommand.Parse(["--http", "http://h:1", "--max", "--recommend-only", "--concurrency", "4", "--warmup", "0s", "--duration", "300ms"]);
        var target = new RecordingTarget(seed: 1);

        var runner = new LoadRunner(options, target, new SyntheticWorkload(10, 20, 1.0, 0.5, 1));
        await runner.RunAsync((_, _, _) => { }, CancellationToken.None);

        Assert.True(options.RecommendOnly);
        Assert.Null(LoadReport.From(options, runner).SendLag); // closed loop: nothing is due, nothing is late
        Assert.Empty(target.Sent);
        Assert.True(target.Recommendations > 0);
    }

    [Fact]
    public async Task Upsert_during_splits_the_measured_load_into_during_and_after_the_upsert_and_reports_its_items()
    {
        var options = LoadTestCommand.Parse(["--http", "http://h:1", "--rate", "200", "--batch", "1", "--upsert-during", "50", "--warmup", "0s", "--duration", "1s"]);
        var target = new RecordingTarget(seed: 3) { EventsBeforeUpsertReturns = 40 };
        var runner = new LoadRunner(options, target, new SyntheticWorkload(10, 20, 1.0, 0.5, 1));
        var items = new SyntheticWorkload(10, 50, 1.0, 0.5, 2).Items;
        var upsert = new UpsertDuringLoad(target, items, runner);

        var upserting = upsert.RunAsync(options.Warmup, CancellationToken.None);
        await runner.RunAsync((_, _, _) => { }, CancellationToken.None);
        await upserting;
        var report = LoadReport.From(options, runner, upsert);

        Assert.Equal(50, options.UpsertDuring);
        Assert.Equal(50, target.ItemsUpserted);
        var bulk = Assert.IsType<UpsertDuringReport>(report.UpsertDuring);
        Assert.True(bulk.Finished);
        Assert.Equal(50, bulk.Items);
        // The upsert returned after 40 events: some were measured while it ran, the rest after it, none twice.
        Assert.InRange(bulk.During["event"].Requests, 1, target.Sent.Count - 1);
        Assert.InRange(bulk.After["event"].Requests, 1, target.Sent.Count - 1);
        Assert.InRange(bulk.During["event"].Requests + bulk.After["event"].Requests, 2, target.Sent.Count);
        Assert.NotNull(bulk.EventP99Ratio);
        Assert.Equal("50", report.Settings["upsertDuring"]);
    }

    [Fact]
    public async Task Summary_only_sends_user_summaries_at_the_rate_and_reports_them_apart()
    {
        var options = LoadTestCommand.Parse(["--http", "http://h:1", "--rate", "200", "--summary-only", "--warmup", "0s", "--duration", "1s"]);
        var target = new RecordingTarget(seed: 2);
        var runner = new LoadRunner(options, target, new SyntheticWorkload(10, 20, 1.0, 0.5, 1));

        await runner.RunAsync((_, _, _) => { }, CancellationToken.None);
        var report = LoadReport.From(options, runner);

        Assert.Empty(target.Sent);
        Assert.Equal(0, target.Recommendations);
        // --rate counts reads here, as with --recommend-only: about 200 in one second, not 200 x the batch.
        Assert.InRange(target.Summaries, 150, 201);
        Assert.InRange(report.Operations["summary"].Count, 1, target.Summaries);
        Assert.Equal(0, report.Errors);
        Assert.Equal(0, report.Operations["recommend"].Count);
        Assert.Contains("summary", report.Timeline.Keys);
        // Open loop: every send's lateness is recorded, and it is part of (so no larger than) the latencies reported.
        Assert.NotNull(report.SendLag);
        Assert.InRange(report.SendLag.Count, 1, target.Summaries);
        Assert.True(report.SendLag.P50Ms <= report.Operations["summary"].P99Ms);
        Assert.Contains("Harness send lag", HtmlReportWriter.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_only_and_recommend_only_exclude_each_other()
    {
        var error = Assert.Throws<ArgumentException>(() => LoadTestCommand.Parse(["--http", "http://h:1", "--max", "--summary-only", "--recommend-only"]));

        Assert.Contains("--summary-only", error.Message, StringComparison.Ordinal);
        Assert.False(LoadTestCommand.Parse(["--http", "http://h:1", "--max"]).SummaryOnly);
    }

    [Fact]
    public void Gateways_must_be_ip_endpoints_and_the_error_names_the_option()
    {
        var endpoints = Seed.Client.GatewayClientHost.ParseGateways("127.0.0.1:30400", "--target orleans:");
        var several = Seed.Client.GatewayClientHost.ParseGateways("127.0.0.1:30400,127.0.0.1:30401", "--cluster orleans:");
        var error = Assert.Throws<ArgumentException>(() => Seed.Client.GatewayClientHost.ParseGateways("127.0.0.1:30400,localhost:30401", "--target orleans:"));

        Assert.Equal(30400, Assert.Single(endpoints).Port);
        Assert.Equal([30400, 30401], several.Select(endpoint => endpoint.Port));
        Assert.Contains("--target orleans:127.0.0.1:30400,localhost:30401: 'localhost:30401' is not host:port", error.Message, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1:1,127.0.0.1:2", LoadTestCommand.Parse(["--cluster", "orleans:127.0.0.1:1,127.0.0.1:2", "--max"]).OrleansGateway);
        Assert.StartsWith("--cluster must be orleans:<ip>:<gateway port>", Assert.Throws<ArgumentException>(() => LoadTestCommand.Parse(["--cluster", "orleans:localhost:30400", "--max"])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3309.41, new[] { 0d, 1000, 2000, 3000, 4000 })]
    [InlineData(1342.67, new[] { 0d, 500, 1000, 1500 })]
    [InlineData(17, new[] { 0d, 5, 10, 15, 20 })]
    [InlineData(0.83, new[] { 0d, 0.5, 1 })]
    [InlineData(4000, new[] { 0d, 1000, 2000, 3000, 4000 })]
    [InlineData(0, new[] { 0d, 1 })]
    public void Chart_axes_tick_at_round_numbers_up_to_the_data(double max, double[] expected)
    {
        Assert.Equal(expected, HtmlReportWriter.AxisTicks(max));
    }
}
