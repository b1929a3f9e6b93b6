"""Performance benchmarks on synthetic England-scale data (issue 6); see benchmarks/README.md.

Nothing here is imported by the generator: the benchmark drives the generator's public functions
from outside, as a user's build would.
"""
