"""Documents as a file source (``core.files.FileSource``): a sender fetching a statement
attachment gets its PDF, built from the billing records when it is sent."""

from __future__ import annotations

from adapters.documents.statement_pdf import statement_pdf
from core.clock import Clock
from core.context import CoreConfig
from core.db import Database
from core.errors import NotFound
from core.files import FileContent
from core.outbox import Attachment, PermanentDeliveryError
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
