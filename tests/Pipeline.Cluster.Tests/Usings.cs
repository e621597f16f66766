// The silo, worker and sweep tests are CPU-heavy and share the machine's two cores: run them one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
