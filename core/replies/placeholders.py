"""The placeholders of a saved reply: a fixed set, checked when saved, filled when used.

A reply's text may hold these names in braces; each names one value of the session it is sent
into (Portuguese names, with English aliases):

- ``{cliente}``, ``{primeiro_nome}``, ``{client_first_name}``: the client's first name;
- ``{empresa}``, ``{company}``: the client's company;
- ``{consultor}``, ``{consultant}``: the name of the staff member who sends the reply.

``{{`` and ``}}`` write a literal brace. Texts are parsed with ``string.Formatter().parse`` and
never given to ``str.format``: an unknown name is refused when saving (:func:`check_text`), and
rendering (:func:`render`) never raises, whatever the stored text holds.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from core.errors import InvalidInput

FIRST_NAME, COMPANY, CONSULTANT = "first_name", "company", "consultant"
"""The values a reply can hold."""
PLACEHOLDERS: Mapping[str, str] = {
    "cliente": FIRST_NAME,
    "primeiro_nome": FIRST_NAME,
    "client_first_name": FIRST_NAME,
    "empresa": COMPANY,
    "company": COMPANY,
    "consultor": CONSULTANT,
    "consultant": CONSULTANT,
}
"""Every placeholder name and the value it stands for."""
_PARSER = string.Formatter()
_SHOWN_MAX = 40


@dataclass(frozen=True)
class Values:
    """What the placeholders are filled with (one session, one sender)."""

    first_name: str
    company: str
    consultant: str

    def of(self, value: str) -> str:
        """The value named ``value`` (one of :data:`PLACEHOLDERS`' values)."""
        return {FIRST_NAME: self.first_name, COMPANY: self.company}.get(value, self.consultant)


def known_names() -> str:
    """The placeholders as a refusal lists them: ``{cliente}, {primeiro_nome}, ...``."""
    return ", ".join("{" + name + "}" for name in PLACEHOLDERS)


def _written(field: str, spec: str | None, conversion: str | None, limit: int = 4000) -> str:
    """A field as it was written (``{nome!r:>3}``), cut to ``limit`` characters."""
    text = field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
    return "{" + text[:limit] + "}"


def check_text(text: str) -> None:
    """Refuse a text with unbalanced braces or a placeholder outside :data:`PLACEHOLDERS`."""
    try:
        parts = list(_PARSER.parse(text))
    except ValueError:
        raise InvalidInput("replies.malformed", known=known_names()) from None
    for _literal, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in PLACEHOLDERS or spec or conversion:
            shown = _written(field, spec, conversion, _SHOWN_MAX)
            raise InvalidInput("replies.unknown_placeholder", name=shown, known=known_names())


def render(text: str, values: Values) -> str:
    """``text`` with its placeholders filled; an unknown one stays as written; never raises."""
    try:
        parts = list(_PARSER.parse(text))
    except ValueError:
        return text
    out: list[str] = []
    for literal, field, spec, conversion in parts:
        out.append(literal)
        if field is None:
            continue
        value = PLACEHOLDERS.get(field)
        if value is None or spec or conversion:
            out.append(_written(field, spec, conversion))
        else:
            out.append(values.of(value))
    return "".join(out)
