"""Benchmarks for disastercenter: `python -m bench [--quick] [--json FILE]` prints one table.

Not part of the test suite. See docs/benchmarks.md for what each row measures.
"""
