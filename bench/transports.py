"""In-process transports: PTB's ``BaseRequest`` answering locally, and a Slack client without HTTP.

Both keep the real client libraries' request building and response parsing; only the network
round trip is replaced by a local answer in the platform's shape.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse
from telegram.request import BaseRequest, RequestData

BOT_ID = 777000
BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "Consultoria",
    "username": "consultoria_bot",
}


class LocalTelegramRequest(BaseRequest):
    """Answers every Bot API call at once, as Telegram would (``getMe``, ``sendMessage``, ...)."""

    def __init__(self) -> None:
        self.calls = 0
        self._message_ids = itertools.count(1)

    @property
    def read_timeout(self) -> float | None:
        """No network, no timeout."""
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        """The answer Telegram gives to ``url``'s method."""
        self.calls += 1
        api_method = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data is not None else {}
        result: Any = True
        if api_method == "getMe":
            result = BOT_USER | {"can_join_groups": False, "supports_inline_queries": False}
        elif api_method.startswith("send"):
            chat = {"id": int(str(params.get("chat_id", 0))), "type": "private"}
            result = {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": chat,
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
        elif api_method == "getUpdates":
            result = []
        return 200, json.dumps({"ok": True, "result": result}).encode()


class LocalSlackClient(AsyncWebClient):
    """An ``AsyncWebClient`` answering locally; ``on_post(text)`` sees each posted text."""

    def __init__(self, on_post: Callable[[str], None] | None = None) -> None:
        fake_token = "xoxb-bench"  # noqa: S105 - not a secret
        super().__init__(token=fake_token, base_url="http://127.0.0.1:9/api/")
        self.on_post = on_post
        self.posts = 0
        self._ts = itertools.count(1)

    async def api_call(
        self, api_method: str, *, http_verb: str = "POST", **kwargs: Any
    ) -> AsyncSlackResponse:
        """Answer ``api_method`` as Slack would (``chat.postMessage`` returns a ``ts``)."""
        args: dict[str, Any] = dict(kwargs.get("json") or kwargs.get("params") or {})
        data: dict[str, Any] = {"ok": True}
        if api_method == "chat.postMessage":
            ts = f"1700000000.{next(self._ts):06d}"
            data |= {"channel": args.get("channel"), "ts": ts}
            self.posts += 1
            if self.on_post is not None:
                self.on_post(str(args.get("text", "")))
        elif api_method == "chat.update":
            data |= {"channel": args.get("channel"), "ts": args.get("ts")}
        elif api_method == "conversations.open":
            data |= {"channel": {"id": f"D{args.get('users')}"}}
        elif api_method == "chat.postEphemeral":
            data |= {"message_ts": f"1700000001.{next(self._ts):06d}"}
        response = AsyncSlackResponse(
            client=self,
            http_verb=http_verb,
            api_url=f"{self.base_url}{api_method}",
            req_args={},
            data=data,
            headers={},
            status_code=200,
        )
        return response
