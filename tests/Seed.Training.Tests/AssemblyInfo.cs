// TorchSharp's random generator and thread settings are process-wide: tests that seed and train must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
