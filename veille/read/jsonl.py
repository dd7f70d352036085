"""JSONL: one article per line.

Fields: ``text`` (required), ``id``, ``title``, ``lead`` (prepended to the body,
as in the Wikinews dump), ``date`` (ISO 8601 or RFC 2822), ``url``, ``lang`` (or
``language``), ``outlet`` (or ``source``), ``authors`` (list or string),
``agencies``. A bad line gives a Failure (E107) with its line number; the other
lines go on.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from veille.errors import E103, E107, VeilleError
from veille.read.base import ReadOptions, failure, finish, to_failure
from veille.read.detect import decode
from veille.read.text import headings_of, split_byline, stable_id
from veille.records import Article, Failure


_SURROGATE = re.compile("[\ud800-\udfff]")


class _BadLine(ValueError):
    """A line that is JSON but not an article."""


def read_jsonl(stream: BinaryIO, source: str, opts: ReadOptions) -> Iterator[Article | Failure]:
    """Read a JSONL stream line by line; each line over ``read.max_bytes`` gives E103."""
    for number, raw in enumerate(stream, start=1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        if len(raw) > opts.max_bytes:
            yield failure(E103, where, size=len(raw), limit=opts.max_bytes, path=where)
            continue
        try:
            record = _scrub(json.loads(_utf8_or_detected(raw, where)))
            article, lang = _article(record, where, opts)
        except VeilleError as exc:
            yield to_failure(exc, where)
            continue
        except (ValueError, TypeError) as exc:  # json.JSONDecodeError and _BadLine are ValueErrors
            yield failure(E107, where, line=number, path=source, detail=str(exc))
            continue
        yield finish(article, opts, lang)


def _utf8_or_detected(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return decode(raw, where)


def _scrub(value: Any) -> Any:
    """JSON strings with their lone surrogates ("\\ud800") replaced by '?': such a string
    cannot be encoded or stored, and one character for one keeps every offset."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8") if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    return value


def _article(record: Any, where: str, opts: ReadOptions) -> tuple[Article, str | None]:
    if not isinstance(record, dict):
        raise _BadLine(f"expected an object, got {type(record).__name__}")
    text, lead = record.get("text"), record.get("lead")
    if not isinstance(text, str) or not text.strip():
        raise _BadLine("no 'text' string")
    body = f"{lead.strip()}\n\n{text}" if isinstance(lead, str) and lead.strip() else text
    authors, agencies = _people(record.get("authors", record.get("author")), record.get("agencies"))
    given_id = record.get("id")
    title = _str(record.get("title"))
    outlet = _str(record.get("outlet")) or _str(record.get("source"))
    url = _str(record.get("url"))
    article = Article(
        id=str(given_id) if given_id not in (None, "") else stable_id(body, title=title, source=outlet or url),
        text=body, title=title, authors=authors, agencies=agencies, outlet=outlet,
        published=_date(record.get("date", record.get("published")), opts.tz),
        url=url, source_path=where, headings=headings_of(body))
    return article, _str(record.get("lang")) or _str(record.get("language"))


def _str(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _people(authors: object, agencies: object) -> tuple[list[str], list[str]]:
    names = "; ".join(a for a in authors if isinstance(a, str)) if isinstance(authors, list) else authors
    more = ", ".join(a for a in agencies if isinstance(a, str)) if isinstance(agencies, list) else agencies
    return split_byline(names if isinstance(names, str) else "", more if isinstance(more, str) else None)


def _date(value: object, tz: str) -> datetime | None:
    """ISO 8601 ('2012-05-22', '2023-09-14T11:36:00+02:00') or RFC 2822; naive -> ``tz``."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise _BadLine(f"'date' must be a string, got {type(value).__name__}")
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            raise _BadLine(f"'date' {value!r} is neither ISO 8601 nor RFC 2822") from None
    return dt if dt.tzinfo else dt.replace(tzinfo=ZoneInfo(tz))
