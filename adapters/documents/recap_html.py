"""A session recap (``core.recaps.Recap``) as a self-contained HTML page.

Every value goes through ``markupsafe`` escaping (``Markup.format``): what clients and staff
wrote is shown as text, never as markup. The page has no script and no outside resource.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from markupsafe import Markup

from core.messages import t
from core.recaps import Recap, RecapLine
from core.timefmt import format_datetime

_STYLE = Markup(
    "body{font-family:Helvetica,Arial,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
    "color:#1d2433;line-height:1.45}"
    "h1{font-size:1.4rem;margin-bottom:.5rem}h2{font-size:1.1rem;margin-top:1.6rem}"
    "table{border-collapse:collapse}th{text-align:left;padding:.15rem 1rem .15rem 0;"
    "font-weight:600;color:#4a5468}td{padding:.15rem 0}"
    ".msg{margin:.6rem 0;padding:.5rem .75rem;border-radius:.5rem;background:#f1f3f7}"
    ".msg.staff{background:#e6f0ff}.who{font-weight:600}.when{color:#6b7489;font-size:.85rem}"
    ".text{white-space:pre-wrap;margin-top:.2rem}.files{color:#4a5468;font-size:.9rem}"
    "footer{margin-top:2rem;color:#6b7489;font-size:.8rem}"
)
_LANG = {"pt-BR": "pt-BR", "en": "en"}


def _line(line: RecapLine, language: str) -> Markup:
    side = "staff" if line.side == "staff" else "client"
    files = (
        Markup('<div class="files">{}</div>').format(
            t("recap.files", language, names=", ".join(line.files))
        )
        if line.files
        else Markup("")
    )
    text = Markup('<div class="text">{}</div>').format(line.text) if line.text else Markup("")
    return Markup(
        '<div class="msg {}"><span class="who">{}</span> <span class="when">{}</span>{}{}</div>'
    ).format(side, line.author, line.time, text, files)


def recap_html(recap: Recap, generated_at: datetime, tz: ZoneInfo) -> str:
    """The recap as an HTML document (UTF-8)."""
    language = recap.language
    header = Markup("").join(
        Markup("<tr><th>{}</th><td>{}</td></tr>").format(label, value)
        for label, value in recap.header
    )
    if recap.lines:
        body = Markup("\n").join(_line(line, language) for line in recap.lines)
    else:
        body = Markup("<p>{}</p>").format(t("recap.empty", language))
    footer = t("recap.generated", language, when=format_datetime(generated_at, tz))
    page = Markup(
        '<!doctype html>\n<html lang="{}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{}</title><style>{}</style></head>\n<body><h1>{}</h1>\n"
        "<table>{}</table>\n<h2>{}</h2>\n{}\n<footer>{}</footer></body></html>\n"
    ).format(
        _LANG.get(language, "pt-BR"),
        recap.title(),
        _STYLE,
        recap.title(),
        header,
        t("recap.messages", language),
        body,
        footer,
    )
    return str(page)
