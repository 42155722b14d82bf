"""Staff roles held by staff keys (Slack users or web-only keys): secretary, support attendant,
admin (admin implies all) and manager (the web dashboard)."""

from __future__ import annotations

import logging

from sqlmodel import col, select

from core.clock import Clock
from core.consultants import normalise_slack_user
from core.db import UnitOfWork
from core.errors import InvalidInput
from core.events import Acting
from core.models import StaffMember, StaffRole

logger = logging.getLogger(__name__)

_NAME_MAX = 200


def parse_role(role: str | StaffRole) -> StaffRole:
    """``secretary``, ``support``, ``admin`` or ``manager`` (any case) -> the role."""
    try:
        return StaffRole(str(role).strip().lower())
    except ValueError:
        valid = ", ".join(member.value for member in StaffRole)
        raise InvalidInput("admin.staff.unknown_role", value=role, valid=valid) from None


async def _find(uow: UnitOfWork, staff_key: str, role: StaffRole) -> StaffMember | None:
    result = await uow.session.exec(
        select(StaffMember).where(
            StaffMember.staff_key == staff_key, StaffMember.role == role.value
        )
    )
    return result.first()


async def grant_role(
    uow: UnitOfWork,
    clock: Clock,
    staff_key: str,
    role: str | StaffRole,
    name: str | None = None,
    *,
    by: Acting | None = None,
) -> StaffMember:
    """Give a Slack user a role; granting it again only updates the name (when given).

    ``by``: who grants it (a new role is then audited)."""
    user = normalise_slack_user(staff_key)
    staff_role = parse_role(role)
    cleaned = " ".join(name.split())[:_NAME_MAX] if name else None
    member = await _find(uow, user, staff_role)
    if member is None:
        member = StaffMember(staff_key=user, role=staff_role, name=cleaned, created_at=clock.now())
        logger.info("role %s granted to %s", staff_role.value, user)
        if by is not None:
            await by.done("staff.role_granted", "staff", user, role=staff_role.value, name=cleaned)
    elif cleaned:
        member.name = cleaned
    uow.session.add(member)
    await uow.session.flush()
    return member


async def revoke_role(
    uow: UnitOfWork, staff_key: str, role: str | StaffRole, *, by: Acting | None = None
) -> bool:
    """Take a role away from a Slack user; False when they did not hold it (``by``: audited)."""
    user = normalise_slack_user(staff_key)
    staff_role = parse_role(role)
    member = await _find(uow, user, staff_role)
    if member is None:
        return False
    await uow.session.delete(member)
    await uow.session.flush()
    logger.info("role %s revoked from %s", staff_role.value, user)
    if by is not None:
        await by.done("staff.role_revoked", "staff", user, role=staff_role.value)
    return True


async def list_staff(uow: UnitOfWork) -> list[StaffMember]:
    """Every role held, by Slack user then role."""
    result = await uow.session.exec(
        select(StaffMember).order_by(col(StaffMember.staff_key), col(StaffMember.role))
    )
    return list(result.all())


async def has_role(uow: UnitOfWork, staff_key: str, role: str | StaffRole) -> bool:
    """Whether the Slack user holds ``role`` (an admin holds every role)."""
    staff_role = parse_role(role)
    wanted = {staff_role.value, StaffRole.ADMIN}
    result = await uow.session.exec(
        select(StaffMember.id).where(
            StaffMember.staff_key == staff_key.strip().upper(),
            col(StaffMember.role).in_(wanted),
        )
    )
    return result.first() is not None
