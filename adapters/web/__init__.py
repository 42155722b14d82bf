"""The web channel: the client chat, the staff console and the manager dashboard (aiohttp).

``app.build_web_app(ctx)`` builds the pages; ``sender.WebSender`` delivers outbox rows as
``web_message`` rows that pages stream live (``stream.stream_messages``, woken by ``hub.Hub``).
"""
