using Seed.LoadTest.Monitoring;
using Seed.LoadTest.Reporting;
using Seed.LoadTest.Running;
using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Tests;

/// <summary>"Many distinct users, one event each, then idle": the options, the workload and the silo memory series.</summary>
public sealed class MemoryRunTests
{
    private static readonly string[] Target = ["--cluster", "orleans:127.0.0.1:30000", "--rate", "1000"];

    [Fact]
    public void The_options_reach_the_run()
    {
        var options = LoadTestCommand.Parse([.. Target, "--distinct-users", "50000", "--idle", "90s", "--silo-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Equal(50_000, options.DistinctUsers);
        Assert.Equal(TimeSpan.FromSeconds(90), options.Idle);
        Assert.Equal(Environment.ProcessId, options.SiloPid);
    }

    [Theory]
    [InlineData("--idle", "30s")]
    [InlineData("--distinct-users", "10", "--mode", "replay")]
    [InlineData("--distinct-users", "10", "--batch", "5")]
    [InlineData("--distinct-users", "10", "--summary-only")]
    public void Memory_run_options_that_do_not_fit_are_refused_naming_the_option(params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadTestCommand.Parse([.. Target, .. args]));

        Assert.StartsWith(args[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_silo_pid_without_a_process_is_refused_naming_the_option()
    {
        // Process ids on Linux stay below 2^22; this one cannot be running.
        var error = Assert.Throws<ArgumentException>(() => LoadTestCommand.Parse([.. Target, "--silo-pid", "2000000000"]));

        Assert.Contains("--silo-pid 2000000000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_user_sends_one_event_and_the_source_ends_after_the_last()
    {
        var workload = new DistinctUsersWorkload(new SyntheticWorkload(10, 20, 1.0, 0.5, 1) { UserPrefix = "m-" }, 3);
        var users = new List<string>();
        while (workload.TryNext(new Random(1), out var batch, out var due))
        {
            Assert.Null(due);
            users.Add(Assert.Single(batch).UserId);
        }

        Assert.Equal(["m-0", "m-1", "m-2"], users);
        Assert.Equal(3, workload.EventCount);
    }

    [Theory]
    [InlineData("Name:\tdotnet\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 1000 kB\n", 123456L * 1024)]
    [InlineData("VmRSS: 1 kB", 1024L)]
    [InlineData("Name:\tdotnet\nVmSize:\t 9000 kB\n", null)]
    [InlineData("VmRSS:\t lots kB\n", null)]
    [InlineData("VmRSS:\t 12 MB\n", null)]
    public void The_rss_is_read_from_the_vmrss_line_in_kibibytes(string status, long? expected)
    {
        Assert.Equal(expected, ProcessMemory.ParseRssBytes(status));
    }

    [Fact]
    public void This_process_has_a_readable_rss()
    {
        Assert.True(ProcessMemory.ReadRssBytes(Environment.ProcessId) > 0);
    }

    [Fact]
    public void Samples_after_the_load_are_marked_idle_and_a_gone_process_leaves_no_point()
    {
        long? rss = 100L * 1024 * 1024;
        var sampler = new SiloMemorySampler(1, _ => rss);

        sampler.Sample();
        sampler.LoadEnded();
        rss = 50L * 1024 * 1024;
        sampler.Sample();
        rss = null;
        sampler.Sample();

        Assert.Equal([(100.0, false), (50.0, true)], sampler.Points.Select(p => (p.RssMegabytes, p.Idle)));
    }

    [Fact]
    public void The_report_carries_the_memory_series_and_charts_it()
    {
        var options = LoadTestCommand.Parse([.. Target, "--distinct-users", "5"]);
        var runner = new LoadRunner(options, null!, new SyntheticWorkload(10, 20, 1.0, 0.5, 1));
        MemoryPoint[] memory = [new(1, 300, false), new(2, 900, false), new(3, 450, true)];

        var report = LoadReport.From(options, runner, siloMemory: memory);
        var html = HtmlReportWriter.Render(report);

        Assert.Equal(memory, report.SiloMemory);
        Assert.Equal("5 (one event each)", report.Settings["distinctUsers"]);
        Assert.Contains("silo RSS (MB)", html, StringComparison.Ordinal);
        Assert.Contains("peak 900 MB, at the end 450 MB", html, StringComparison.Ordinal);
        Assert.DoesNotContain("silo RSS (MB)", HtmlReportWriter.Render(LoadReport.From(options, runner)), StringComparison.Ordinal);
    }
}
