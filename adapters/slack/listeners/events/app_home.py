"""App Home (``app_home_opened``): the consultant's status and today's bookings."""

from __future__ import annotations

from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import escape, header_block, text_blocks
from core.booking import list_bookings, render_booking_list
from core.consultants import consultant_by_staff_key
from core.context import Core
from core.messages import t
from core.queue import status_report


async def home_view(core: Core, user: str) -> dict[str, Any]:
    """The Home tab of ``user``: status report and today's bookings (or a not-registered note)."""
    lang = core.config.language
    blocks = [header_block(t("slack.home.title", lang))]
    async with core.db.uow() as uow:
        consultant = await consultant_by_staff_key(uow, user)
        if consultant is None or consultant.id is None:
            blocks.extend(text_blocks(t("slack.home.not_consultant", lang)))
            return {"type": "home", "blocks": blocks}
        report = await status_report(uow, core, user)
        today = core.clock.now().astimezone(core.config.timezone).date()
        views = await list_bookings(uow, core, day=today, consultant_id=consultant.id)
    blocks.extend(text_blocks(report))
    blocks.append({"type": "divider"})
    title = f"*{escape(t('slack.home.today', lang))}*"
    blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": title}})
    blocks.extend(text_blocks(render_booking_list(core, views, lang)))
    return {"type": "home", "blocks": blocks}


async def on_home(core: Core, event: dict[str, Any], client: AsyncWebClient) -> None:
    """Render and publish (read only: no deduplication needed)."""
    if event.get("tab", "home") != "home":
        return
    user = str(event["user"])
    await client.views_publish(user_id=user, view=await home_view(core, user))
