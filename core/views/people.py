"""Staff as the console shows them: the signed-in person's consultant record, everyone's names.

Read-only, in the caller's unit of work.
"""

from __future__ import annotations

from sqlmodel import col, select

from core.db import UnitOfWork
from core.models import Consultant, StaffMember, WebAccount


async def my_consultant(uow: UnitOfWork, staff_key: str) -> Consultant | None:
    """The active consultant with exactly this staff key, if any."""
    statement = select(Consultant).where(
        Consultant.staff_key == staff_key, col(Consultant.active).is_(True)
    )
    return (await uow.session.exec(statement)).first()


async def people_names(uow: UnitOfWork) -> dict[str, str]:
    """Staff keys -> names (consultants first, then staff roles, then web accounts).

    Read in the opposite order, each later source overwriting the earlier: a consultant's name
    wins over a staff role's, which wins over a web account's; empty names are skipped except
    a consultant's (always named).
    """
    names: dict[str, str] = {}
    for key, name in (await uow.session.exec(select(WebAccount.staff_key, WebAccount.name))).all():
        if name:
            names[key] = name
    staff = select(StaffMember.staff_key, StaffMember.name)
    for key, name in (await uow.session.exec(staff)).all():
        if name:
            names[key] = name
    consultants = select(Consultant.staff_key, Consultant.name)
    for key, name in (await uow.session.exec(consultants)).all():
        names[key] = name
    return names
