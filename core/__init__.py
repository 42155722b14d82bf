"""Consultoria Online core: every rule of the product, with no platform code."""
