"""Plain-text dispatches: title line, byline, date line, source line, body, footer.

French and English headers::

    Titre de la dépêche                     Title of the dispatch
    par M.L (avec AFP)                      By Jane Doe (with Reuters)
    Publié le 14 septembre 2023 à 11h36     Published Sept. 14, 2023 11:36 AM
    Source : TF1 Info                       Source: Reuters

Header dates without a zone are read in ``read.timezone`` (Europe/Paris by default).
The body is kept exactly as given between the header and the trailing byline or
site boilerplate, so offsets into ``Article.text`` are offsets into that part of
the input.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from veille.errors import VeilleError
from veille.read.base import ReadOptions, finish, to_failure
from veille.read.detect import decode_noted
from veille.records import Article, Failure

FR_MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
             "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
             "décembre": 12, "decembre": 12}
EN_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
# News agencies named in bylines ("par X (avec AFP)", "By X, Reuters"): kept apart from authors.
AGENCIES = {"afp": "AFP", "reuters": "Reuters", "ap": "AP", "associated press": "AP", "dpa": "dpa",
            "efe": "EFE", "ansa": "ANSA", "belga": "Belga", "ats": "ATS", "bloomberg": "Bloomberg",
            "xinhua": "Xinhua", "tass": "TASS", "ria novosti": "RIA Novosti", "kyodo": "Kyodo",
            "yonhap": "Yonhap", "anadolu": "Anadolu", "upi": "UPI", "apa": "APA"}
# Zone abbreviations found in English and French datelines (fixed offsets in hours).
TZ_ABBREV = {"utc": 0, "gmt": 0, "z": 0, "cet": 1, "cest": 2, "bst": 1, "est": -5, "edt": -4, "cst": -6,
             "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "hne": -5, "hae": -4}

_WEEKDAYS = (r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday"
             r"|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun)\.?,?")
_ISO = r"(?P<iso>\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)"
_ZONE = r"(?:\s*\(?(?P<tz>UTC|GMT|CEST|CET|BST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|HNE|HAE)\b(?P<off>[+-]\d{1,2})?\)?)?"

BYLINE = re.compile(r"^(?:par|by)\s+(?P<authors>.+?)"
                    r"(?:\s*[(,]?\s*(?:avec|with)\s+(?P<agencies>[^)]+?)\)?)?\s*$", re.IGNORECASE)
FR_DATE = re.compile(
    r"^(?P<label>publié|mis à jour|modifié|actualisé)\s*(?:le\s+)?(?:" + _WEEKDAYS + r"\s+)?"
    r"(?:(?P<d>\d{1,2})(?:er)?\s+(?P<m>[a-zéèêëûôîç]+)\.?\s+(?P<y>\d{4})"
    r"|(?P<dn>\d{1,2})/(?P<mn>\d{1,2})/(?P<yn>\d{4})|" + _ISO + r")"
    r"(?:\s*(?:à|,|-)?\s*(?P<h>\d{1,2})\s*[h:]\s*(?P<mi>\d{2})?)?" + _ZONE,
    re.IGNORECASE)
EN_DATE = re.compile(
    r"^(?P<label>published|updated|posted|first published|last updated)\s*(?:on\s+)?:?\s*"
    r"(?:" + _WEEKDAYS + r"\s+)?"
    r"(?:(?P<m>[a-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>[a-z]{3,9})\.?,?\s+(?P<y2>\d{4})|" + _ISO + r")"
    r"(?:,?\s*(?:at\s+|-\s*)?(?P<h>\d{1,2})[:.](?P<mi>\d{2})\s*(?P<ampm>[ap]\.?\s?m\.?)?)?" + _ZONE,
    re.IGNORECASE)
SOURCE = re.compile(r"^sources?\s*:\s*(?P<outlet>.+?)\s*$", re.IGNORECASE)
CREDIT = re.compile(r"^\(?(?:(?:additional\s+)?reporting|writing|editing|compiled)\s+by\b", re.IGNORECASE)


def stable_id(text: str, *, title: str | None = None, source: str | None = None) -> str:
    """Stable article id: sha256 of what makes two inputs different articles.

    That is the body, the title and the source (outlet or URL), each NFC-normalised and
    whitespace-collapsed: the same dispatch under two titles is two articles; the same
    input read twice is one (an exact duplicate). The body alone keeps its old id.
    """
    parts = [" ".join(unicodedata.normalize("NFC", p).split()) for p in (text, title or "", source or "")]
    norm = parts[0] if not (title or source) else "\x1f".join(parts)
    return hashlib.sha256(norm.encode("utf-8", "replace")).hexdigest()[:16]


def _month(name: str, months: dict[str, int]) -> int | None:
    """A month name or unambiguous abbreviation ('sept', 'janv', 'Sept.') to 1-12."""
    key = name.lower().rstrip(".")
    if key in months:
        return months[key]
    found = {n for full, n in months.items() if len(key) >= 3 and full.startswith(key)}
    return found.pop() if len(found) == 1 else None


def _zone(m: re.Match[str], default: str) -> tzinfo:
    if m["tz"]:
        hours = TZ_ABBREV[m["tz"].lower()] + int(m["off"] or 0)
        return timezone(timedelta(hours=hours))
    return ZoneInfo(default)


def parse_header_date(line: str, tz: str = "Europe/Paris") -> datetime | None:
    """A French or English 'published' line to an aware datetime, else None."""
    line = line.strip()
    m = FR_DATE.match(line)
    if m:
        day, month_name, year = (m["d"], m["m"], m["y"]) if m["d"] else (m["dn"], None, m["yn"])
        month = _month(month_name, FR_MONTHS) if month_name else (int(m["mn"]) if m["mn"] else None)
    else:
        m = EN_DATE.match(line)
        if not m:
            return None
        day, month_name, year = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
        month = _month(month_name, EN_MONTHS) if month_name else None
    if m["iso"]:
        return _iso(m["iso"], tz)
    if not month or not day:
        return None
    hour, minute = int(m["h"] or 0), int(m["mi"] or 0)
    ampm = (m.groupdict().get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return datetime(int(year), month, int(day), hour, minute, tzinfo=_zone(m, tz))
    except ValueError:  # 31 February, 25h...: not a date line
        return None


def _iso(value: str, tz: str) -> datetime | None:
    try:
        dt = datetime.fromisoformat(value.replace(" ", "T").replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=ZoneInfo(tz))


def split_byline(authors: str, agencies: str | None = None) -> tuple[list[str], list[str]]:
    """'M.L', 'AFP' -> (['M.L'], ['AFP']); agency names among the authors move to agencies."""
    names = [a.strip() for a in re.split(r",|;| et | and | & ", authors) if a.strip()]
    found = [a.strip() for a in re.split(r",|/| et | and | & ", agencies or "") if a.strip()]
    people = []
    for name in names:
        agency = AGENCIES.get(name.lower())
        if agency:
            found.append(agency)
        else:
            people.append(name)
    return people, [AGENCIES.get(a.lower(), a) for a in found]


def _byline(line: str) -> tuple[list[str], list[str]] | None:
    """Authors and agencies of a byline, or None when the line is prose ("Par ailleurs, ...")."""
    m = BYLINE.match(line)
    if not m or len(line) >= 120:
        return None
    authors, agencies = split_byline(m["authors"], m["agencies"])
    names = authors or agencies
    if not names or any(len(a.split()) > 5 for a in authors) or not names[0][0].isupper():
        return None
    return authors, agencies


def _is_header(line: str, tz: str = "UTC") -> bool:
    return bool(_byline(line) or parse_header_date(line, tz) or SOURCE.match(line))


def parse_dispatch(raw: str, *, source_path: str | None = None, article_id: str | None = None,
                   tz: str = "Europe/Paris", language: str | None = None) -> Article:
    """Split a plain-text dispatch into header fields and body.

    The body is kept as given between the header and the trailing byline/footer, so
    offsets into ``Article.text`` are offsets into that part of the input. Without
    a header the whole input is the body.
    """
    lines = raw.splitlines(keepends=True)
    i, n = 0, len(lines)
    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    authors: list[str] = []
    agencies: list[str] = []
    seen_header = False
    while i < n:
        stripped = lines[i].strip()
        if not stripped:
            i += 1
            continue
        if title is None and not seen_header and len(stripped) < 300 and not _is_header(stripped) \
                and _next_is_header(lines, i + 1):
            title = stripped
        elif byline := _byline(stripped):
            authors, agencies = byline
            seen_header = True
        elif (date := parse_header_date(stripped, tz)) is not None:
            published = published or date  # "Publié le" comes before "Mis à jour le"
            seen_header = True
        elif (m := SOURCE.match(stripped)) and len(stripped) < 120:
            outlet = m["outlet"]
            seen_header = True
        else:
            break
        i += 1
    if not seen_header:  # no dispatch header: the whole input is the body
        title, i = None, 0
    body = _drop_footer("".join(lines[i:]), authors)
    return Article(id=article_id or stable_id(body, title=title, source=outlet), text=body, title=title,
                   authors=authors, agencies=agencies, outlet=outlet, published=published, language=language,
                   source_path=source_path,
                   headings=headings_of(body))


def read_text(data: bytes, source: str, opts: ReadOptions) -> Iterator[Article | Failure]:
    """Read one plain-text file's bytes: decode, parse the dispatch, set id and language."""
    try:
        raw, warnings = decode_noted(data, source)
    except VeilleError as exc:
        yield to_failure(exc, source, opts.article_id)
        return
    article = parse_dispatch(raw, source_path=source, article_id=opts.article_id, tz=opts.tz)
    article.warnings = warnings
    yield finish(article, opts)


def _next_is_header(lines: list[str], j: int) -> bool:
    for line in lines[j:j + 4]:
        s = line.strip()
        if s:
            return _is_header(s)
    return False


def headings_of(body: str) -> list[str]:
    """Stand-alone heading lines of a body: short, no closing punctuation."""
    return [ln.strip() for ln in body.splitlines() if _is_heading(ln)]


def _is_heading(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) < 80 and s[-1] not in ".!?:;," and len(s.split()) <= 10


def _drop_footer(body: str, authors: list[str] | None) -> str:
    """Drop trailing boilerplate: repeated byline, agency credits, short navigation lines."""
    lines = body.splitlines(keepends=True)
    end = len(lines)
    while end > 0:
        s = lines[end - 1].strip()
        if not s or (authors and s.startswith(authors[0]) and _byline("par " + s)) or CREDIT.match(s) \
                or (len(s) < 40 and len(s.split()) <= 3 and s[-1] not in ".!?»\""):
            end -= 1
            continue
        break
    kept = "".join(lines[:end])
    body = kept.rstrip()
    return body + ("\n" if kept[len(body):].startswith(("\n", "\r")) else "")
