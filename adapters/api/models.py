"""The REST API's request and response bodies (pydantic): the OpenAPI schemas come from these.

Requests forbid unknown fields and are strict (no "5" for 5); their texts refuse control
characters and lone surrogates, which a database would choke on. Money is integer cents.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

MAX_ID = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _safe(text: str) -> str:
    if _UNSAFE.search(text):
        raise ValueError("control characters and lone surrogates are not accepted")
    return text


Safe = AfterValidator(_safe)
Text64 = Annotated[str, Field(max_length=64), Safe]
Text255 = Annotated[str, Field(max_length=255), Safe]
Text500 = Annotated[str, Field(max_length=500), Safe]
Text1000 = Annotated[str, Field(max_length=1000), Safe]


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = "about:blank"
    title: str
    status: int = Field(ge=100, le=599)
    detail: str


class Company(BaseModel):
    """A customer company."""

    id: int
    name: str
    cnpj: str | None
    product_line: str
    hourly_rate_cents: int
    active: bool
    created_at: datetime


class Contact(BaseModel):
    """A person of a customer company (erased contacts keep only their ids and dates)."""

    id: int
    company_id: int | None
    channel: str
    name: str | None
    phone: str | None
    email: str | None
    language: str | None
    erased: bool
    created_at: datetime


class Session(BaseModel):
    """A consulting (or support) session."""

    id: int
    kind: str
    status: str
    company_id: int
    contact_id: int
    consultant_id: int | None
    booking_id: int | None
    medium: str
    alternative_hours: bool
    started_at: datetime
    billing_started_at: datetime | None
    ended_at: datetime | None
    rating: int | None


class BillingRecord(BaseModel):
    """A billed session: the CSV export's row, amounts in integer cents."""

    id: int
    session_id: int
    company_id: int
    company: str
    cnpj: str | None
    consultant: str | None
    started_at: datetime
    ended_at: datetime
    minutes: int
    periods: int
    rate_cents: int
    amount_cents: int
    alternative_hours: bool
    medium: str


class BillingTotals(BaseModel):
    """The month's totals over every record (not only this page): the CSV's total line."""

    count: int
    minutes: int
    periods: int
    amount_cents: int


class Consent(BaseModel):
    """An answer to the paid-service terms (append-only)."""

    id: int
    contact_id: int
    company_id: int
    request_id: int | None
    terms_version_id: int
    text_sha256: str
    rate_cents_shown: int
    channel: str
    accepted: bool
    created_at: datetime


class Booking(BaseModel):
    """A booked session."""

    id: int
    status: str
    company_id: int
    contact_id: int | None
    consultant_id: int | None
    area: str | None
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    medium: str
    alternative_hours: bool
    notes: str | None
    created_by_kind: str
    created_by_ref: str
    cancelled_at: datetime | None
    cancel_reason: str | None


class CompanyPage(BaseModel):
    """A page of companies; ``next``: the next page's address, or null."""

    items: list[Company]
    next: str | None


class ContactPage(BaseModel):
    """A page of contacts; ``next``: the next page's address, or null."""

    items: list[Contact]
    next: str | None


class SessionPage(BaseModel):
    """A page of sessions; ``next``: the next page's address, or null."""

    items: list[Session]
    next: str | None


class BillingPage(BaseModel):
    """A page of a month's billing records, with the month's totals."""

    month: str
    company_id: int | None
    totals: BillingTotals
    items: list[BillingRecord]
    next: str | None


class ConsentPage(BaseModel):
    """A page of consent records; ``next``: the next page's address, or null."""

    items: list[Consent]
    next: str | None


class BookingPage(BaseModel):
    """A page of bookings; ``next``: the next page's address, or null."""

    items: list[Booking]
    next: str | None


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class BookingCreate(_Request):
    """A booking to make, checked as ``/agendar`` checks it (hours, cut-off, conflicts...)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "company_id": 1,
                    "starts_at": "2030-01-07T14:00:00-03:00",
                    "duration_minutes": 60,
                    "medium": "Outro",
                    "notes": "Fechamento do custo do mês",
                }
            ]
        }
    )

    company_id: Id
    starts_at: AwareDatetime = Field(description="ISO 8601 with an offset.")
    duration_minutes: int = Field(ge=1, le=240)
    medium: Text64 = Field(description="Telefone, TeamViewer, Terminal Service or Outro.")
    contact_id: Id | None = None
    area: Text64 | None = None
    consultant_id: Id | None = None
    notes: Text1000 | None = None
    connection_detail: Text255 | None = None
    alternative_hours: bool = False


class BookingCancel(_Request):
    """Why a booking is cancelled (optional)."""

    reason: Text500 | None = None


class BookingReschedule(_Request):
    """The new start of a booking (same duration); ``alternative_hours`` null keeps the mark."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"starts_at": "2030-01-08T09:00:00-03:00"}]}
    )

    starts_at: AwareDatetime = Field(description="ISO 8601 with an offset.")
    alternative_hours: bool | None = None
