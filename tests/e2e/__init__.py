"""End-to-end tests: one running bot (real PTB and bolt) against the fake platforms."""
