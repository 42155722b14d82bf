"""iCalendar files (RFC 5545) of the core's calendar data, with the ``icalendar`` library.

One VEVENT per booking, its DTSTART/DTEND with ``TZID=America/Sao_Paulo`` and the matching
VTIMEZONE (only the rules of the years the events span), the VCALENDAR's METHOD (REQUEST, CANCEL
or PUBLISH for a feed). An invite sent by e-mail names the service's sender as its ORGANIZER
(iTIP needs one); no attendee is written.
"""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import STATUS, TRANSP, Calendar, Event, vCalAddress

from core.calendar import CalendarData, CalendarEvent, Method

PRODID = "-//Consultoria Online//Agendamentos//PT-BR"
FEED_REFRESH = timedelta(hours=1)
"""How often a subscribed calendar is asked to read a feed again (REFRESH-INTERVAL, and
X-PUBLISHED-TTL)."""


def _event(item: CalendarEvent, organizer: vCalAddress | None) -> Event:
    return Event.new(
        uid=item.uid,
        sequence=item.sequence,
        start=item.starts_at,
        end=item.ends_at,
        summary=item.summary,
        description=item.description,
        location=item.location,
        status=STATUS.CANCELLED if item.cancelled else STATUS.CONFIRMED,
        transparency=TRANSP.TRANSPARENT if item.cancelled else TRANSP.OPAQUE,
        created=item.created,
        last_modified=item.stamp,
        stamp=item.stamp,
        organizer=organizer,
    )


def calendar_ics(data: CalendarData, organizer: tuple[str, str] | None = None) -> bytes:
    """The ICS bytes of ``data``; ``organizer`` (name, e-mail) for an invite (not a feed)."""
    who = None
    if organizer is not None and data.method != Method.PUBLISH:
        name, address = organizer
        who = vCalAddress.new(address, cn=name)
    calendar = Calendar.new(
        prodid=PRODID,
        method=data.method.value,
        name=data.name,
        uid=data.uid,
        language=data.language,
        refresh_interval=FEED_REFRESH if data.method == Method.PUBLISH else None,
        subcomponents=[_event(item, who) for item in data.events],
    )
    if data.method == Method.PUBLISH:
        calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # RFC 7986 wants it said
        calendar.add("X-PUBLISHED-TTL", "PT1H")  # what Outlook reads
    if data.events:
        first = min(item.starts_at for item in data.events).date()
        last = max(item.ends_at for item in data.events).date()
        calendar.add_missing_timezones(date(first.year, 1, 1), date(last.year + 1, 1, 1))
    return bytes(calendar.to_ical())
