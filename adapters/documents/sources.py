"""Documents as file sources (``core.files.FileSource``): a sender fetching a statement
attachment gets its PDF, built from the billing records when it is sent; a calendar attachment
gets the booking's invite (ICS); a recap attachment, its PDF or HTML rendered from the recap
stored when the client asked for it."""

from __future__ import annotations

from adapters.documents.calendar_ics import calendar_ics
from adapters.documents.recap_html import recap_html
from adapters.documents.recap_pdf import recap_pdf
from adapters.documents.statement_pdf import statement_pdf
from core.calendar import ICS_MIME, booking_invite, parse_invite_ref
from core.clock import Clock
from core.context import CoreConfig
from core.db import Database
from core.errors import NotFound
from core.files import FileContent
from core.outbox import Attachment, PermanentDeliveryError
from core.recaps import FORMATS, load_recap, parse_recap_ref
from core.statements import company_statement, parse_statement_ref


class StatementSource:
    """The ``statement`` channel's attachments (``<company id>:<aaaa-mm>``)."""

    def __init__(self, db: Database, clock: Clock, config: CoreConfig) -> None:
        self.db = db
        self.clock = clock
        self.config = config

    async def fetch(self, attachment: Attachment) -> FileContent:
        """The statement's PDF; a malformed or unknown reference is permanent."""
        found = parse_statement_ref(attachment.ref)
        if found is None:
            raise PermanentDeliveryError(f"bad statement reference {attachment.ref!r}")
        company_id, year, month = found
        try:
            async with self.db.read() as uow:
                statement = await company_statement(uow, self.config, company_id, year, month)
        except NotFound as error:
            raise PermanentDeliveryError(f"no company {company_id}") from error
        data = statement_pdf(statement, self.clock.now(), self.config.timezone)
        name = attachment.name or statement.file_name()
        return FileContent(data, name, "application/pdf")


class CalendarSource:
    """The ``calendar`` channel's attachments (``<booking id>:<sequence>:<client|staff>``).

    ``organizer`` (name, e-mail): the service's e-mail sender, named as the invites' organizer
    when e-mail is configured."""

    def __init__(
        self, db: Database, config: CoreConfig, organizer: tuple[str, str] | None = None
    ) -> None:
        self.db = db
        self.config = config
        self.organizer = organizer

    async def fetch(self, attachment: Attachment) -> FileContent:
        """The invite's ICS as the booking is now; a malformed or unknown reference is permanent."""
        found = parse_invite_ref(attachment.ref)
        if found is None:
            raise PermanentDeliveryError(f"bad calendar reference {attachment.ref!r}")
        booking_id, _, audience = found
        async with self.db.read() as uow:
            data = await booking_invite(uow, self.config, booking_id, audience)
        if data is None:
            raise PermanentDeliveryError(f"no booking {booking_id}")
        name = attachment.name or f"booking-{booking_id}.ics"
        return FileContent(calendar_ics(data, self.organizer), name, ICS_MIME)


class RecapSource:
    """The ``recap`` channel's attachments (``<session id>:pdf`` or ``:html``)."""

    def __init__(self, db: Database, clock: Clock, config: CoreConfig) -> None:
        self.db = db
        self.clock = clock
        self.config = config

    async def fetch(self, attachment: Attachment) -> FileContent:
        """The recap's document; a malformed reference or a recap no longer kept is permanent."""
        found = parse_recap_ref(attachment.ref)
        if found is None:
            raise PermanentDeliveryError(f"bad recap reference {attachment.ref!r}")
        session_id, extension = found
        recap = await load_recap(self.db, session_id)
        if recap is None:
            raise PermanentDeliveryError(f"no recap of session {session_id}")
        now, tz = self.clock.now(), self.config.timezone
        if extension == "pdf":
            data = recap_pdf(recap, now, tz)
        else:
            data = recap_html(recap, now, tz).encode()
        name = attachment.name or recap.file_name(extension)
        return FileContent(data, name, FORMATS[extension])
