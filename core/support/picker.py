"""Who attends a converted support chat: the attendant's choice, as buttons.

``convert:<session>`` shows the choice; each button converts with it:
``convert_to:<session>:<code>`` hands over to the consultants of an area, and
``convert_keep:<session>:<code>`` keeps the client with the converting consultant (offered only
for the areas they serve). ``<code>`` is 0 for any area, else the area's place in
``config.areas`` counted from 1. An ``_alt`` suffix on the verb converts at alternative hours
agreed with the client (offered when the plain one is refused as closed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.consultants import consultant_areas, consultant_by_staff_key
from core.context import Core
from core.errors import Conflict, InvalidInput, NotFound
from core.messages import t
from core.models import ConsultingSession, Request, RequestKind, SessionStatus
from core.outbox import Choice, OutboundMessage
from core.support.handover import check_may_convert, not_handed_over

ACTION = re.compile(r"^convert_(?P<how>to|keep)(?P<alt>_alt)?:(?P<id>\d{1,9}):(?P<code>\d{1,2})$")
"""The action ids of the choice (the adapters route them with this pattern)."""


@dataclass(frozen=True)
class HandoverChoice:
    """A parsed choice: the session, the area (None: any), keep or hand over, agreed hours."""

    session_id: int
    code: int
    area: str | None
    keep: bool
    alternative_hours: bool

    def confirming(self) -> str:
        """The same choice at alternative hours agreed with the client (its action id)."""
        how = "keep" if self.keep else "to"
        return f"convert_{how}_alt:{self.session_id}:{self.code}"


def parse_choice(core: Core, action: str) -> HandoverChoice:
    """``convert_to:12:3`` -> the session, the third area, hand over; InvalidInput otherwise."""
    match = ACTION.fullmatch(action.strip())
    if match is None:
        raise InvalidInput("support.handover.unknown_area", area=action[:64])
    code = int(match.group("code"))
    if code > len(core.config.areas):
        raise InvalidInput("support.handover.unknown_area", area=str(code))
    return HandoverChoice(
        session_id=int(match.group("id")),
        code=code,
        area=core.config.areas[code - 1] if code else None,
        keep=match.group("how") == "keep",
        alternative_hours=bool(match.group("alt")),
    )


def choices(
    core: Core, session_id: int, keepable: list[str], *, any_keep: bool, language: str
) -> tuple[Choice, ...]:
    """The buttons: each area's consultants, any consultant, and keep for ``keepable`` areas."""
    found: list[Choice] = []
    for code, area in enumerate(core.config.areas, start=1):
        label = t("support.handover.to_area", language, area=area)
        found.append(Choice(f"convert_to:{session_id}:{code}", label))
    found.append(Choice(f"convert_to:{session_id}:0", t("support.handover.to_anyone", language)))
    for code, area in enumerate(core.config.areas, start=1):
        if area in keepable:
            label = t("support.handover.keep", language, area=area)
            found.append(Choice(f"convert_keep:{session_id}:{code}", label, "primary"))
    if any_keep:
        label = t("support.handover.keep_any", language)
        found.append(Choice(f"convert_keep:{session_id}:0", label, "primary"))
    return tuple(found)


async def handover_picker(
    core: Core, session_id: int, staff_key: str, language: str | None = None
) -> OutboundMessage:
    """The choice shown to whoever pressed *Converter em consultoria* (nothing is written).

    ``language``: the viewer's (default: the staff language).
    """
    async with core.db.uow() as uow:
        await check_may_convert(uow, staff_key.strip().upper())
        session = await uow.session.get(ConsultingSession, session_id)
        if session is None:
            raise NotFound("support.not_found", id=session_id)
        if session.status != SessionStatus.OPEN or session.kind != RequestKind.SUPPORT:
            raise Conflict("support.not_open")
        request = await uow.session.get(Request, session.request_id)
        assert request is not None
        not_handed_over(request)
        consultant = await consultant_by_staff_key(uow, staff_key.strip().upper())
        keepable: list[str] = []
        if consultant is not None and consultant.active and consultant.id is not None:
            keepable = await consultant_areas(uow, consultant.id)
    language = language or core.config.language
    is_consultant = consultant is not None and consultant.active
    any_keep = is_consultant and not keepable
    return OutboundMessage(
        t("support.handover.pick", language),
        choices=choices(core, session_id, keepable, any_keep=any_keep, language=language),
    )
