"""The shipped benchmarks: each times the real code path and a floor measured in the same run."""
