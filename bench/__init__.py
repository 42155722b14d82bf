"""Benchmarks of the bot: relay throughput and latency, queue scale, on SQLite and PostgreSQL.

Run ``python -m bench`` (``--quick`` for a fast smoke run); see ``bench/README.md``.
"""
