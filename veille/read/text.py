"""Plain-text dispatches: title line, byline, date line, source line, body, footer."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

from veille.records import Article

FR_MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
             "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
             "décembre": 12, "decembre": 12}
EN_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}

BYLINE = re.compile(r"^(?:par|by)\s+(?P<authors>.+?)(?:\s*\((?:avec|with)\s+(?P<agencies>[^)]+)\))?\s*$",
                    re.IGNORECASE)
FR_DATE = re.compile(r"^(?:publié|mis à jour)\s+le\s+(?P<d>\d{1,2})(?:er)?\s+(?P<m>[a-zéûô]+)\s+(?P<y>\d{4})"
                     r"(?:\s+à\s+(?P<h>\d{1,2})\s*h\s*(?P<mi>\d{2})?)?", re.IGNORECASE)
EN_DATE = re.compile(r"^(?:published|updated)\s*:?\s+(?P<m>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})"
                     r"(?:,?\s+(?:at\s+)?(?P<h>\d{1,2}):(?P<mi>\d{2})\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?",
                     re.IGNORECASE)
SOURCE = re.compile(r"^(?:source)\s*:\s*(?P<outlet>.+?)\s*$", re.IGNORECASE)


def stable_id(text: str) -> str:
    """Stable article id: sha256 of the NFC-normalised, whitespace-collapsed text."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def parse_header_date(line: str, tz: str = "Europe/Paris") -> datetime | None:
    """A French or English 'published' line to an aware datetime, else None."""
    line = line.strip()
    m = FR_DATE.match(line)
    month = None
    if m:
        month = FR_MONTHS.get(m["m"].lower())
        hour, minute = int(m["h"] or 0), int(m["mi"] or 0)
    else:
        m = EN_DATE.match(line)
        if m:
            month = EN_MONTHS.get(m["m"][:3].lower())
            hour, minute = int(m["h"] or 0), int(m["mi"] or 0)
            ampm = (m["ampm"] or "").lower().replace(".", "")
            if ampm == "pm" and hour < 12:
                hour += 12
            elif ampm == "am" and hour == 12:
                hour = 0
    if not m or not month:
        return None
    return datetime(int(m["y"]), month, int(m["d"]), hour, minute, tzinfo=ZoneInfo(tz))


def parse_dispatch(raw: str, *, source_path: str | None = None, article_id: str | None = None,
                   tz: str = "Europe/Paris", language: str | None = None) -> Article:
    """Split a plain-text dispatch into header fields and body.

    The body is kept as given between the header and the trailing byline/footer, so
    offsets into ``Article.text`` are offsets into that part of the input.
    """
    lines = raw.splitlines(keepends=True)
    i, n = 0, len(lines)
    title = authors = agencies = outlet = published = None
    header_end = 0  # char offset where the body starts
    pos = 0
    seen_header = False
    while i < n:
        stripped = lines[i].strip()
        if not stripped:
            pos += len(lines[i]); i += 1
            continue
        if title is None and not seen_header and not BYLINE.match(stripped) and not FR_DATE.match(stripped) \
                and not EN_DATE.match(stripped) and len(stripped) < 300 and _next_is_header(lines, i + 1):
            title = stripped
        elif (m := BYLINE.match(stripped)) and len(stripped) < 120:
            authors = [a.strip() for a in re.split(r",| et | and ", m["authors"]) if a.strip()]
            agencies = [a.strip() for a in re.split(r",|/| et | and ", m["agencies"] or "") if a.strip()]
            seen_header = True
        elif (d := parse_header_date(stripped, tz)) is not None:
            published = d
            seen_header = True
        elif (m := SOURCE.match(stripped)) and len(stripped) < 120:
            outlet = m["outlet"]
            seen_header = True
        else:
            break
        pos += len(lines[i]); i += 1
        header_end = pos
    if not seen_header:  # no dispatch header: the whole input is the body
        header_end, title = 0, None
    body_lines = lines[i:] if seen_header else lines
    body = "".join(body_lines)
    body = _drop_footer(body, authors)
    return Article(id=article_id or stable_id(body), text=body, title=title, authors=authors or [],
                   agencies=agencies or [], outlet=outlet, published=published, language=language,
                   source_path=source_path,
                   headings=[ln.strip() for ln in body.splitlines() if _is_heading(ln)])


def _next_is_header(lines: list[str], j: int) -> bool:
    for line in lines[j:j + 4]:
        s = line.strip()
        if not s:
            continue
        return bool(BYLINE.match(s) or FR_DATE.match(s) or EN_DATE.match(s) or SOURCE.match(s))
    return False


def _is_heading(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) < 80 and s[-1] not in ".!?:;," and len(s.split()) <= 10


def _drop_footer(body: str, authors: list[str] | None) -> str:
    """Drop trailing boilerplate: repeated byline and short site-navigation lines."""
    lines = body.splitlines(keepends=True)
    end = len(lines)
    while end > 0:
        s = lines[end - 1].strip()
        if not s or BYLINE.match("par " + s) and authors and s.startswith(authors[0]) \
                or (len(s) < 40 and len(s.split()) <= 3 and s[-1] not in ".!?»\""):
            end -= 1
            continue
        break
    return "".join(lines[:end]).rstrip() + ("\n" if end else "")
