"""Composition root: settings, wiring, the ``consultoria`` command line and the run loop."""
