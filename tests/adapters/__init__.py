"""Adapter tests: the real PTB and bolt against loopback fake platform servers."""
