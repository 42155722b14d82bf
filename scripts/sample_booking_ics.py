"""Write docs/samples/booking.ics: the client's invite of a realistic booking, made by the same
code the bot uses (``core.calendar`` for the event, ``adapters.documents`` for the file).

Run: .venv/bin/python scripts/sample_booking_ics.py (``tests/unit/test_calendar_ics.py`` checks
the committed file is what this writes).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from adapters.documents import calendar_ics
from core.calendar import Audience, CalendarData, Method, booking_event
from core.calendar.events import BookingParties
from core.context import CoreConfig, StaffAddresses
from core.hours import HoursConfig, OpeningHours, parse_weekly_schedule
from core.models import Booking, Channel, Company, Consultant, Contact
from core.outbox import Address

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "samples" / "booking.ics"
SAO_PAULO = ZoneInfo("America/Sao_Paulo")
ORGANIZER = ("Consultoria Online", "consultoria@fornecedor.com.br")


def _config() -> CoreConfig:
    room = Address("slack", "C0REQUESTS")
    return CoreConfig(
        hours=OpeningHours(
            HoursConfig(
                timezone=SAO_PAULO,
                weekly=parse_weekly_schedule("mon-fri 08:00-12:00 13:30-18:00"),
            )
        ),
        staff=StaffAddresses(requests=room, support=room, billing=room, onsite=room, links=room),
        calendar_domain="fornecedor.com.br",
    )


def sample_data() -> CalendarData:
    """The invite of booking 42 (TeamViewer, Tuesday 24/11/2026 14:00-15:00) as Ana gets it."""
    made = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)
    booking = Booking(
        id=42,
        company_id=1,
        contact_id=7,
        consultant_id=3,
        area="Custos",
        starts_at=datetime(2026, 11, 24, 14, 0, tzinfo=SAO_PAULO),
        ends_at=datetime(2026, 11, 24, 15, 0, tzinfo=SAO_PAULO),
        medium="TeamViewer",
        connection_detail="123456789",
        created_by_kind="staff",
        created_by_ref="U0SECRET",
        calendar_sequence=1,
        created_at=made,
        updated_at=datetime(2026, 11, 21, 12, 30, tzinfo=UTC),
    )
    who = BookingParties(
        Company(id=1, name="Metalúrgica Exemplo", product_line="industrial"),
        Contact(id=7, company_id=1, channel=Channel.TELEGRAM, external_id="7001", name="Ana"),
        Consultant(id=3, staff_key="U0BRUNO", name="Bruno Consultor"),
    )
    config = _config()
    event = booking_event(booking, who, Audience.CLIENT, config)
    return CalendarData(
        uid=event.uid,
        name="Consultoria Online",
        method=Method.REQUEST,
        language="pt-BR",
        timezone=SAO_PAULO,
        events=(event,),
    )


def sample_ics() -> bytes:
    """The sample's file, its organizer the service's e-mail sender."""
    return calendar_ics(sample_data(), ORGANIZER)


def main() -> None:
    """Write the sample."""
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(sample_ics())
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
