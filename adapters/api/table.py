"""The route table: every operation of ``/api/v1`` (the routes and the OpenAPI document)."""

from __future__ import annotations

from adapters.api import bookings as b
from adapters.api import models as m
from adapters.api import resources as r
from adapters.api.params import ID, INSTANT, MONTH, PAGING, STATUS, Param
from adapters.api.routing import Route

V1 = "/api/v1"
_COMPANY = Param("company", ID, "Only this company's.")
_CONTACT = Param("contact", ID, "Only this contact's.")

ROUTES: tuple[Route, ...] = (
    Route(
        "GET",
        f"{V1}/companies",
        "listCompanies",
        "Companies, by id.",
        "companies:read",
        r.list_companies,
        m.CompanyPage,
        PAGING,
    ),
    Route(
        "GET",
        f"{V1}/companies/{{company_id}}",
        "getCompany",
        "One company.",
        "companies:read",
        r.get_company,
        m.Company,
        refusals=(404,),
    ),
    Route(
        "GET",
        f"{V1}/companies/{{company_id}}/contacts",
        "listContacts",
        "A company's contacts, by id.",
        "contacts:read",
        r.list_contacts,
        m.ContactPage,
        PAGING,
        refusals=(404,),
    ),
    Route(
        "GET",
        f"{V1}/sessions",
        "listSessions",
        "Sessions, by id.",
        "sessions:read",
        r.list_sessions,
        m.SessionPage,
        (*PAGING, _COMPANY, Param("month", MONTH, "Started in this local month, aaaa-mm.")),
    ),
    Route(
        "GET",
        f"{V1}/sessions/{{session_id}}",
        "getSession",
        "One session.",
        "sessions:read",
        r.get_session,
        m.Session,
        refusals=(404,),
    ),
    Route(
        "GET",
        f"{V1}/billing-records",
        "listBillingRecords",
        "Billing records of sessions that ended in a local month, by id; the totals are the "
        "CSV export's total line.",
        "billing:read",
        r.list_billing_records,
        m.BillingPage,
        (
            *PAGING,
            _COMPANY,
            Param("month", MONTH, "The local month, aaaa-mm (the current month by default)."),
        ),
        refusals=(404,),
    ),
    Route(
        "GET",
        f"{V1}/consents",
        "listConsents",
        "Consent records (append-only), by id.",
        "consents:read",
        r.list_consents,
        m.ConsentPage,
        (*PAGING, _COMPANY, _CONTACT),
    ),
    Route(
        "GET",
        f"{V1}/bookings",
        "listBookings",
        "Bookings, by id.",
        "bookings:read",
        b.list_bookings,
        m.BookingPage,
        (
            *PAGING,
            _COMPANY,
            _CONTACT,
            Param("status", STATUS, "Only bookings in this state."),
            Param("from", INSTANT, "Starting at or after (ISO 8601 with an offset)."),
            Param("to", INSTANT, "Starting before (ISO 8601 with an offset)."),
        ),
    ),
    Route(
        "GET",
        f"{V1}/bookings/{{booking_id}}",
        "getBooking",
        "One booking.",
        "bookings:read",
        b.get_booking,
        m.Booking,
        refusals=(404,),
    ),
    Route(
        "POST",
        f"{V1}/bookings",
        "createBooking",
        "Book a session with the checks of /agendar (opening hours, conflicts, areas...).",
        "bookings:write",
        b.create_booking,
        m.Booking,
        body=m.BookingCreate,
        status=201,
        refusals=(404, 409),
        links={
            "getBooking": ("booking_id", "id"),
            "rescheduleBooking": ("booking_id", "id"),
            "cancelBooking": ("booking_id", "id"),
        },
    ),
    Route(
        "POST",
        f"{V1}/bookings/{{booking_id}}/cancel",
        "cancelBooking",
        "Cancel a booking.",
        "bookings:write",
        b.cancel,
        m.Booking,
        body=m.BookingCancel,
        refusals=(404, 409),
    ),
    Route(
        "POST",
        f"{V1}/bookings/{{booking_id}}/reschedule",
        "rescheduleBooking",
        "Move a booking to a new start (same duration and consultant).",
        "bookings:write",
        b.move,
        m.Booking,
        body=m.BookingReschedule,
        refusals=(404, 409),
    ),
)
