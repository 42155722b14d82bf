"""Choices in staff-room messages, mapped to the same core calls the Slack listeners make.

``claim:<request>`` -> ``core.queue.claim_request``; ``end:<session>`` ->
``core.sessions.end_session``; ``convert_to:`` / ``convert_keep:<session>:<area>`` (the session
page's hand-over choices, ``core.support.ACTION``) and ``convert:<session>`` (any consultant) ->
``core.support.convert_to_consulting``;
``link_ok:<link>[:<company>]`` / ``link_no:<link>`` -> ``core.intake.decide_link``;
``specialist:``, ``transfer:``, ``onsite:``, ``medium:<session>`` open the session page's form
(as Slack opens a modal). Anything else is refused as unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.context import Core
from core.intake import decide_link
from core.queue import CLAIM_CLOSED, claim_request
from core.sessions import end_session, mark_client_present
from core.support import ACTION as CONVERT_CHOICE
from core.support import CONVERT_CLOSED, convert_to_consulting, parse_choice

_ACTION = re.compile(
    r"^(?P<verb>claim|claim_alt|end|present|convert|convert_alt|specialist|transfer|onsite|medium"
    r"|link_ok"
    r"|link_no)"
    r":(?P<id>\d{1,9})"
    r"(?::(?P<extra>\d{1,9}))?$"
)
FORMS = {"specialist", "transfer", "onsite", "medium"}


@dataclass(frozen=True)
class Outcome:
    """Where to go after an action: a page, and the request lost to someone (for a notice)."""

    location: str


class UnknownAction(ValueError):
    """Not an action id the console knows."""


CONFIRM_ALTERNATIVE = {CLAIM_CLOSED: "claim_alt", CONVERT_CLOSED: "convert_alt"}
"""A refusal as closed -> the action that goes on at agreed alternative hours."""


def alternative_of(action: str, refusal_key: str) -> dict[str, str] | None:
    """The confirming choice for a refusal as closed (action and label), or None."""
    verb = CONFIRM_ALTERNATIVE.get(refusal_key)
    if verb is None:
        return None
    choice = CONVERT_CHOICE.fullmatch(action.strip())
    if choice is not None:
        how, session_id, code = choice.group("how", "id", "code")
        label = "support.convert.confirm_alternative"
        return {"action": f"convert_{how}_alt:{session_id}:{code}", "label": label}
    _, number, _ = parse_action(action)
    label = (
        "queue.claim.confirm_alternative"
        if verb == "claim_alt"
        else ("support.convert.confirm_alternative")
    )
    return {"action": f"{verb}:{number}", "label": label}


def parse_action(action: str) -> tuple[str, int, int | None]:
    """``"claim:12"`` -> ``("claim", 12, None)``; UnknownAction otherwise."""
    match = _ACTION.fullmatch(action.strip())
    if match is None or (match.group("extra") and match.group("verb") != "link_ok"):
        raise UnknownAction(action)
    extra = match.group("extra")
    return match.group("verb"), int(match.group("id")), int(extra) if extra else None


async def run_action(
    core: Core, action: str, staff_key: str, inbound: tuple[str, str], back: str
) -> Outcome:
    """Do what the choice ``action`` means for ``staff_key``; business refusals propagate.

    ``claim_alt:`` and ``convert_alt:`` are the same as ``claim:`` and ``convert:`` at
    alternative hours agreed with the client (offered when the plain one was refused as closed).
    """
    if CONVERT_CHOICE.fullmatch(action.strip()):
        choice = parse_choice(core, action)
        await convert_to_consulting(
            core,
            choice.session_id,
            by_staff_key=staff_key,
            area=choice.area,
            keep=choice.keep,
            alternative_hours=choice.alternative_hours,
            inbound=inbound,
        )
        return Outcome(f"/console/session/{choice.session_id}")
    verb, number, extra = parse_action(action)
    if verb in ("claim", "claim_alt"):
        alternative = verb == "claim_alt"
        result = await claim_request(
            core, number, staff_key, alternative_hours=alternative, inbound=inbound
        )
        if result.won and result.session_id is not None:
            return Outcome(f"/console/session/{result.session_id}")
        return Outcome(f"/console?taken={number}")
    if verb in FORMS:
        return Outcome(f"/console/session/{number}#{verb}")
    if verb == "end":
        await end_session(core, number, by=staff_key, inbound=inbound)
        return Outcome(f"/console/session/{number}")
    if verb == "present":
        await mark_client_present(core, number, by_staff_key=staff_key, inbound=inbound)
        return Outcome(f"/console/session/{number}")
    if verb in ("convert", "convert_alt"):
        await convert_to_consulting(
            core,
            number,
            by_staff_key=staff_key,
            alternative_hours=verb == "convert_alt",
            inbound=inbound,
        )
        return Outcome(f"/console/session/{number}")
    await decide_link(
        core,
        number,
        by_staff_key=staff_key,
        approve=verb == "link_ok",
        company_id=extra,
        inbound=inbound,
    )
    return Outcome(back)
