// The tests start several host processes each; run them one after another so they do not compete for the two CI
// cores and for PostgreSQL connections, and so that measured windows and throughputs are not skewed by each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
