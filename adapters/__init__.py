"""Channel adapters: translate platform events into core calls and outbox rows into messages."""
